/**
 * The binary WebSocket protocol of docs/WEBSOCKET.md (schema 2): fixed little-endian layouts, one
 * message per WebSocket binary message.
 *
 * The layouts are written once, as data ({@link templates}), and one encoder and one decoder walk
 * them: a field's offset is stated in exactly one place, the same place the spec's tables state it.
 * i64 and u64 are `bigint`; smaller integers are `number`; `char[N]` fields are strings; the FIX
 * characters carried in a `u8` (execType, ordStatus, role, responseTo) are one-character strings.
 *
 * Schema versions: a template's fixed block only grows at its end, so the fields of an older version
 * are those inside its shorter block ({@link blockLengthOf}). Messages are written in
 * {@link SCHEMA_VERSION} unless another version is asked for; a message of an older version reads
 * with the later fields zero.
 *
 * Decoding is meant for untrusted input: every malformed buffer throws a {@link ProtocolError},
 * never another exception type and never a half-read message.
 */
import { OrderFlags, type MessageName } from './enums.js';
import {
    blockLengthOf,
    fieldSize,
    HEADER_LENGTH,
    layoutOf,
    MIN_SCHEMA_VERSION,
    SCHEMA_VERSION,
    templates,
    type FieldLayout,
    type TemplateLayout,
} from './layouts.js';
import type { ClientMessage, Message, ServerMessage } from './messages.js';

export * from './enums.js';
export * from './layouts.js';
export * from './messages.js';

/** Whether a field is in a schema version's block (the fields of later versions lie past it). */
function inBlock(field: FieldLayout, block: number): boolean {
    return field.offset + fieldSize(field) <= block;
}

/** What a field of a later version than the message's reads as. */
function zeroOf(field: FieldLayout): unknown {
    switch (field.type) {
        case 'i64':
        case 'u64':
            return 0n;
        case 'char':
        case 'fixchar':
            return '';
        case 'bytes':
            return new Uint8Array(field.length!);
        default:
            return 0;
    }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** Which rule a buffer or a value broke; the names of the gateway's reject codes where they match. */
export type ProtocolErrorKind = 'Malformed' | 'UnknownTemplate' | 'UnsupportedVersion' | 'InvalidValue';

/** A buffer that is not a valid message, or a value that cannot be encoded. */
export class ProtocolError extends Error {
    override readonly name = 'ProtocolError';
    readonly kind: ProtocolErrorKind;
    /** The template id, when the header could be read. */
    readonly templateId: number | undefined;

    constructor(kind: ProtocolErrorKind, message: string, templateId?: number) {
        super(message);
        this.kind = kind;
        this.templateId = templateId;
    }
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

const intRanges: Record<'u8' | 'u16' | 'u32' | 'i32', [number, number]> = {
    u8: [0, 0xff],
    u16: [0, 0xffff],
    u32: [0, 0xffffffff],
    i32: [-0x80000000, 0x7fffffff],
};

function invalid(layout: TemplateLayout, field: string, why: string): ProtocolError {
    return new ProtocolError('InvalidValue', `${layout.name}.${field}: ${why}`, layout.templateId);
}

function writeField(view: DataView, bytes: Uint8Array, base: number, field: FieldLayout, value: unknown, layout: TemplateLayout, path: string): void {
    const at = base + field.offset;
    switch (field.type) {
        case 'u8':
        case 'u16':
        case 'u32':
        case 'i32': {
            const [min, max] = intRanges[field.type];
            if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
                throw invalid(layout, path, `expected an integer ${min}..${max} (${field.type}), got ${describe(value)}`);
            }
            if (field.type === 'u8') view.setUint8(at, value);
            else if (field.type === 'u16') view.setUint16(at, value, true);
            else if (field.type === 'u32') view.setUint32(at, value, true);
            else view.setInt32(at, value, true);
            return;
        }
        case 'i64':
        case 'u64': {
            if (typeof value !== 'bigint') {
                throw invalid(layout, path, `expected a bigint (${field.type}), got ${describe(value)}`);
            }
            if (field.type === 'i64') {
                if (value < I64_MIN || value > I64_MAX) throw invalid(layout, path, `${value} does not fit in an i64`);
                view.setBigInt64(at, value, true);
            } else {
                if (value < 0n || value > U64_MAX) throw invalid(layout, path, `${value} does not fit in a u64`);
                view.setBigUint64(at, value, true);
            }
            return;
        }
        case 'char': {
            if (typeof value !== 'string') throw invalid(layout, path, `expected a string, got ${describe(value)}`);
            if (value.length > field.length!) {
                throw invalid(layout, path, `"${value}" is longer than ${field.length} characters`);
            }
            for (let i = 0; i < value.length; i++) {
                const c = value.charCodeAt(i);
                if (c < 0x20 || c > 0x7e) throw invalid(layout, path, `character ${i} (code ${c}) is not printable ASCII`);
                bytes[at + i] = c;
            }
            return;
        }
        case 'fixchar': {
            if (typeof value !== 'string' || value.length > 1) {
                throw invalid(layout, path, `expected one character or the empty string, got ${describe(value)}`);
            }
            if (value.length === 1) {
                const c = value.charCodeAt(0);
                if (c < 0x20 || c > 0x7e) throw invalid(layout, path, `code ${c} is not printable ASCII`);
                bytes[at] = c;
            }
            return;
        }
        case 'bytes': {
            if (!(value instanceof Uint8Array) || value.length !== field.length) {
                throw invalid(layout, path, `expected a Uint8Array of ${field.length} bytes, got ${describe(value)}`);
            }
            bytes.set(value, at);
            return;
        }
    }
}

function describe(value: unknown): string {
    if (value === undefined) return 'nothing';
    if (value === null) return 'null';
    if (value instanceof Uint8Array) return `${value.length} bytes`;
    if (typeof value === 'string') return `"${value}"`;
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'number') return String(value);
    return typeof value;
}

/**
 * Encodes a message in `schemaVersion` (default {@link SCHEMA_VERSION}, clamped to 1 and it): the
 * fields of later versions are left out and need not be given. Every other field must be given; pad
 * bytes are zero. Throws a {@link ProtocolError} (kind `InvalidValue`) for a value that does not fit its
 * field: a number out of range, a bigint where a number is expected or the reverse, a text that is
 * too long or not printable ASCII, reserved PlaceOrder flag bits.
 */
export function encode(message: Message, schemaVersion: number = SCHEMA_VERSION): Uint8Array {
    const version = Math.min(Math.max(Math.trunc(schemaVersion), MIN_SCHEMA_VERSION), SCHEMA_VERSION);
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(templates, type)) {
        throw new ProtocolError('InvalidValue', `unknown message type ${describe(type)}`);
    }
    const layout = templates[type as MessageName];
    const values = message as unknown as Record<string, unknown>;
    const block = blockLengthOf(layout, version);
    let length = block;
    const groupEntries: unknown[][] = [];
    for (const group of layout.groups) {
        const entries = values[group.name];
        if (!Array.isArray(entries)) throw invalid(layout, group.name, `expected an array, got ${describe(entries)}`);
        if (entries.length > 0xffff) throw invalid(layout, group.name, `${entries.length} entries; a group holds at most 65535`);
        groupEntries.push(entries);
        length += 4 + group.entryLength * entries.length;
    }
    const bytes = new Uint8Array(length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, length, true);
    view.setUint16(4, layout.templateId, true);
    view.setUint16(6, version, true);
    for (const field of layout.fields) {
        if (inBlock(field, block)) writeField(view, bytes, 0, field, values[field.name], layout, field.name);
    }
    if (layout.name === 'PlaceOrder' && ((values.flags as number) & ~OrderFlags.PostOnly) !== 0) {
        throw invalid(layout, 'flags', `reserved bits set in ${values.flags as number}; only bit 0 (post-only) is defined`);
    }
    let position = block;
    layout.groups.forEach((group, g) => {
        const entries = groupEntries[g]!;
        view.setUint16(position, group.entryLength, true);
        view.setUint16(position + 2, entries.length, true);
        position += 4;
        entries.forEach((entry, i) => {
            if (typeof entry !== 'object' || entry === null) {
                throw invalid(layout, `${group.name}[${i}]`, `expected an object, got ${describe(entry)}`);
            }
            for (const field of group.fields) {
                writeField(view, bytes, position, field, (entry as Record<string, unknown>)[field.name], layout, `${group.name}[${i}].${field.name}`);
            }
            position += group.entryLength;
        });
    });
    return bytes;
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/** The 8-byte header. */
export interface MessageHeader {
    length: number;
    templateId: number;
    schemaVersion: number;
}

function asBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
    if (data instanceof Uint8Array) return data;
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new ProtocolError('Malformed', `expected an ArrayBuffer or a typed array, got ${describe(data)}`);
}

/** Reads and checks the header: at least 8 bytes, and `length` equal to the buffer's length. */
export function decodeHeader(data: ArrayBuffer | ArrayBufferView): MessageHeader {
    const bytes = asBytes(data);
    if (bytes.byteLength < HEADER_LENGTH) {
        throw new ProtocolError('Malformed', `a message of ${bytes.byteLength} bytes is shorter than the ${HEADER_LENGTH}-byte header`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const header = {
        length: view.getUint32(0, true),
        templateId: view.getUint16(4, true),
        schemaVersion: view.getUint16(6, true),
    };
    if (header.length !== bytes.byteLength) {
        throw new ProtocolError(
            'Malformed',
            `the header says ${header.length} bytes but the message has ${bytes.byteLength}`,
            header.templateId,
        );
    }
    return header;
}

function readField(view: DataView, bytes: Uint8Array, base: number, field: FieldLayout, layout: TemplateLayout, path: string): unknown {
    const at = base + field.offset;
    switch (field.type) {
        case 'u8':
            return view.getUint8(at);
        case 'u16':
            return view.getUint16(at, true);
        case 'u32':
            return view.getUint32(at, true);
        case 'i32':
            return view.getInt32(at, true);
        case 'i64':
            return view.getBigInt64(at, true);
        case 'u64':
            return view.getBigUint64(at, true);
        case 'char':
            return readChars(bytes, at, field.length!, layout, path);
        case 'fixchar': {
            const c = bytes[at]!;
            if (c === 0) return '';
            if (c < 0x20 || c > 0x7e) {
                throw new ProtocolError('Malformed', `${layout.name}.${path}: byte 0x${hex2(c)} is not a printable ASCII character`, layout.templateId);
            }
            return String.fromCharCode(c);
        }
        case 'bytes':
            return bytes.slice(at, at + field.length!);
    }
}

function hex2(byte: number): string {
    return byte.toString(16).padStart(2, '0');
}

/** `char[N]`: printable ASCII up to the first zero byte, zeros after it. */
function readChars(bytes: Uint8Array, at: number, length: number, layout: TemplateLayout, path: string): string {
    let end = length;
    for (let i = 0; i < length; i++) {
        const c = bytes[at + i]!;
        if (c === 0) {
            end = i;
            break;
        }
        if (c < 0x20 || c > 0x7e) {
            throw new ProtocolError(
                'Malformed',
                `${layout.name}.${path}: byte ${i} (0x${hex2(c)}) is not printable ASCII`,
                layout.templateId,
            );
        }
    }
    for (let i = end + 1; i < length; i++) {
        if (bytes[at + i] !== 0) {
            throw new ProtocolError(
                'Malformed',
                `${layout.name}.${path}: non-zero byte ${i} after the terminating zero at ${end}`,
                layout.templateId,
            );
        }
    }
    return String.fromCharCode(...bytes.subarray(at, at + end));
}

/**
 * Decodes one message (client or server). Accepts any schema version from 1 up: a message of an
 * older version has the block of that version and reads with the later fields zero; bytes past the
 * fields and group entries this codec knows (a newer writer's) are ignored. Throws a {@link ProtocolError} for a buffer shorter
 * than its header or its template, a header length different from the buffer's, an unknown
 * template id, schema version 0, a group whose entries are shorter than this version's or run past
 * the end, a `char[N]` field that breaks the text rules, or reserved PlaceOrder flag bits.
 */
export function decode(data: ArrayBuffer | ArrayBufferView): Message {
    const bytes = asBytes(data);
    const header = decodeHeader(bytes);
    const layout = layoutOf(header.templateId);
    if (layout === undefined) {
        throw new ProtocolError('UnknownTemplate', `unknown template id ${header.templateId}`, header.templateId);
    }
    if (header.schemaVersion < 1) {
        throw new ProtocolError('UnsupportedVersion', `${layout.name}: schema version 0; versions start at 1`, header.templateId);
    }
    const block = blockLengthOf(layout, header.schemaVersion);
    const min = block + 4 * layout.groups.length;
    if (header.length < min) {
        throw new ProtocolError(
            'Malformed',
            `${layout.name} of ${header.length} bytes is shorter than its ${min}-byte layout` +
                (block === layout.blockLength ? '' : ` in schema ${header.schemaVersion}`),
            header.templateId,
        );
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const message: Record<string, unknown> = { type: layout.name };
    for (const field of layout.fields) {
        message[field.name] = inBlock(field, block) ? readField(view, bytes, 0, field, layout, field.name) : zeroOf(field);
    }
    if (layout.name === 'PlaceOrder' && ((message.flags as number) & ~OrderFlags.PostOnly) !== 0) {
        throw new ProtocolError('Malformed', `PlaceOrder.flags: reserved bits set in ${message.flags as number}`, layout.templateId);
    }
    let position = block;
    for (const group of layout.groups) {
        if (position + 4 > header.length) {
            throw new ProtocolError(
                'Malformed',
                `${layout.name}.${group.name}: the group header at ${position} runs past the end (${header.length} bytes)`,
                layout.templateId,
            );
        }
        const entryLength = view.getUint16(position, true);
        const count = view.getUint16(position + 2, true);
        position += 4;
        if (count > 0 && entryLength < group.entryLength) {
            throw new ProtocolError(
                'Malformed',
                `${layout.name}.${group.name}: entries of ${entryLength} bytes; at least ${group.entryLength} expected`,
                layout.templateId,
            );
        }
        const end = position + entryLength * count;
        if (end > header.length) {
            throw new ProtocolError(
                'Malformed',
                `${layout.name}.${group.name}: ${count} entries of ${entryLength} bytes from ${position} run past the end (${header.length} bytes)`,
                layout.templateId,
            );
        }
        const entries: Record<string, unknown>[] = new Array(count);
        for (let i = 0; i < count; i++) {
            const entry: Record<string, unknown> = {};
            for (const field of group.fields) {
                entry[field.name] = readField(view, bytes, position, field, layout, `${group.name}[${i}].${field.name}`);
            }
            entries[i] = entry;
            position += entryLength;
        }
        message[group.name] = entries;
    }
    return message as unknown as Message;
}

/** As {@link decode}, and a message the server never sends (a client template) is malformed too. */
export function decodeServerMessage(data: ArrayBuffer | ArrayBufferView): ServerMessage {
    const message = decode(data);
    if (templates[message.type].direction !== 'server') {
        throw new ProtocolError('Malformed', `${message.type} is a client message; the server does not send it`, templates[message.type].templateId);
    }
    return message as ServerMessage;
}

/** As {@link decode}, and a server template is malformed too (for a server written in TypeScript, or tests). */
export function decodeClientMessage(data: ArrayBuffer | ArrayBufferView): ClientMessage {
    const message = decode(data);
    if (templates[message.type].direction !== 'client') {
        throw new ProtocolError('Malformed', `${message.type} is a server message; a client does not send it`, templates[message.type].templateId);
    }
    return message as ClientMessage;
}

