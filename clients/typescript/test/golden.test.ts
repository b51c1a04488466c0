// Golden bytes written by the C# codec (clients/golden/messages.json): every entry's fields must
// encode to its hex, and its hex must decode to its fields. The file is an array of
//   { "name": "PlaceOrder", "templateId": 2, "fields": { ... }, "hex": "..." }
// with the spec's camelCase field names; i64/u64 as decimal strings, smaller integers as numbers,
// char fields as strings, the Login signature as hex, groups as arrays of entry objects.
// MATCHER_GOLDEN names another file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decode, encode, templates, type FieldLayout, type Message, type MessageName } from '../src/index.js';
import { fromHex, toHex } from './helpers.js';

// build-test/test/golden.test.js → clients/golden/messages.json
const goldenPath = process.env.MATCHER_GOLDEN ?? fileURLToPath(new URL('../../../golden/messages.json', import.meta.url));

interface GoldenEntry {
    name: string;
    templateId: number;
    fields: Record<string, unknown>;
    hex: string;
}

/** A golden field value as this client represents it. */
function convert(field: FieldLayout, value: unknown, where: string): unknown {
    switch (field.type) {
        case 'i64':
        case 'u64':
            if (typeof value === 'string' || typeof value === 'number') return BigInt(value);
            throw new Error(`${where}: expected a decimal string for ${field.type}, got ${JSON.stringify(value)}`);
        case 'bytes':
            if (typeof value === 'string') return fromHex(value);
            throw new Error(`${where}: expected a hex string, got ${JSON.stringify(value)}`);
        case 'fixchar':
            // A FIX character may be written as its character or as its byte value.
            if (typeof value === 'number') return value === 0 ? '' : String.fromCharCode(value);
            return value;
        default:
            return value;
    }
}

function toMessage(entry: GoldenEntry): Message {
    const layout = templates[entry.name as MessageName];
    if (layout === undefined || !Object.prototype.hasOwnProperty.call(templates, entry.name)) {
        throw new Error(`golden entry names an unknown message "${entry.name}"`);
    }
    const message: Record<string, unknown> = { type: layout.name };
    for (const field of layout.fields) {
        if (!(field.name in entry.fields)) throw new Error(`${entry.name}: golden fields lack "${field.name}"`);
        message[field.name] = convert(field, entry.fields[field.name], `${entry.name}.${field.name}`);
    }
    for (const group of layout.groups) {
        const entries = entry.fields[group.name];
        if (!Array.isArray(entries)) throw new Error(`${entry.name}: golden group "${group.name}" is not an array`);
        message[group.name] = entries.map((e: Record<string, unknown>, i) => {
            const converted: Record<string, unknown> = {};
            for (const field of group.fields) {
                converted[field.name] = convert(field, e[field.name], `${entry.name}.${group.name}[${i}].${field.name}`);
            }
            return converted;
        });
    }
    const known = new Set([...layout.fields.map((f) => f.name), ...layout.groups.map((g) => g.name)]);
    const unknown = Object.keys(entry.fields).filter((name) => !known.has(name));
    if (unknown.length > 0) throw new Error(`${entry.name}: golden fields this client does not know: ${unknown.join(', ')}`);
    return message as unknown as Message;
}

if (!existsSync(goldenPath)) {
    test('golden bytes from the C# codec', { skip: `${goldenPath} does not exist yet` }, () => {});
} else {
    const golden = JSON.parse(readFileSync(goldenPath, 'utf8')) as GoldenEntry[];

    test('golden file: a non-empty array covering every template', () => {
        assert.ok(Array.isArray(golden) && golden.length > 0, `${goldenPath} holds no entries`);
        const covered = new Set(golden.map((e) => e.name));
        const missing = Object.keys(templates).filter((name) => !covered.has(name));
        assert.deepEqual(missing, [], `templates without a golden vector: ${missing.join(', ')}`);
    });

    golden.forEach((entry, index) => {
        const label = `golden #${index} ${entry.name}`;
        test(`${label}: template id`, () => {
            assert.equal(templates[entry.name as MessageName]?.templateId, entry.templateId);
        });
        test(`${label}: fields encode to the C# bytes`, () => {
            assert.equal(toHex(encode(toMessage(entry))), entry.hex.toLowerCase());
        });
        test(`${label}: the C# bytes decode to the fields`, () => {
            assert.deepEqual(decode(fromHex(entry.hex)), toMessage(entry));
        });
    });
}
