/** Small helpers shared by the tests. */

export function toHex(bytes: Uint8Array): string {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex: string): Uint8Array {
    const clean = hex.replace(/\s+/g, '');
    if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`not a hex string: ${hex.slice(0, 40)}…`);
    const bytes = new Uint8Array(clean.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
    return bytes;
}

/**
 * A message built by hand, offset by offset, independent of the codec's tables: the header
 * (length, templateId, schema version — 1 unless given) and whatever `fill` writes.
 */
export function frame(length: number, templateId: number, fill: (view: DataView, bytes: Uint8Array) => void, version = 1): Uint8Array {
    const bytes = new Uint8Array(length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, length, true);
    view.setUint16(4, templateId, true);
    view.setUint16(6, version, true);
    fill(view, bytes);
    return bytes;
}

/** Writes ASCII text at an offset (the rest of the field stays zero). */
export function ascii(bytes: Uint8Array, offset: number, text: string): void {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
}

/** A small seeded generator (mulberry32), so a failing fuzz run can be repeated. */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
