/**
 * Exact conversion between integer counts (ticks, lots) and decimal strings, in `bigint`: no
 * floating point anywhere. A size is `mantissa × 10^-scale` (the InstrumentList's tickMantissa and
 * tickScale, lotMantissa and lotScale); a count of them is `count × mantissa × 10^-scale`.
 * A decimal that is not a whole number of sizes is refused, never rounded.
 */

/** The part of an InstrumentList entry the conversions need. */
export interface InstrumentScales {
    tickMantissa: bigint;
    tickScale: number;
    lotMantissa: bigint;
    lotScale: number;
}

/** A decimal string that cannot be converted exactly: bad syntax, off-tick, off-lot, bad size. */
export class DecimalConversionError extends Error {
    override readonly name = 'DecimalConversionError';
}

function checkSize(mantissa: bigint, scale: number): void {
    if (typeof mantissa !== 'bigint' || mantissa <= 0n) {
        throw new DecimalConversionError(`size mantissa must be a positive bigint, got ${String(mantissa)}`);
    }
    if (!Number.isInteger(scale) || scale < 0 || scale > 255) {
        throw new DecimalConversionError(`size scale must be an integer 0..255, got ${scale}`);
    }
}

/**
 * `count × mantissa × 10^-scale` as a decimal string with exactly `scale` fraction digits, e.g.
 * `formatScaled(10050n, 1n, 2)` is "100.50".
 */
export function formatScaled(count: bigint, mantissa: bigint, scale: number): string {
    checkSize(mantissa, scale);
    const units = count * mantissa;
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
    const whole = digits.slice(0, digits.length - scale);
    const fraction = digits.slice(digits.length - scale);
    return (negative ? '-' : '') + whole + (scale > 0 ? '.' + fraction : '');
}

const decimalPattern = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * The count of sizes (`mantissa × 10^-scale`) in a decimal string: "100.5" with a size of 0.01 is
 * 10050n. Throws a {@link DecimalConversionError} for text that is not a plain decimal number or
 * that is not a whole multiple of the size.
 */
export function parseScaled(text: string, mantissa: bigint, scale: number, what = 'value'): bigint {
    checkSize(mantissa, scale);
    const match = typeof text === 'string' ? decimalPattern.exec(text.trim()) : null;
    if (match === null) {
        throw new DecimalConversionError(`${what} "${String(text)}" is not a decimal number`);
    }
    const [, sign, whole, fraction = ''] = match;
    let fractionDigits = fraction;
    if (fractionDigits.length > scale) {
        if (/[^0]/.test(fractionDigits.slice(scale))) {
            throw new DecimalConversionError(`${what} ${text} is not a multiple of ${formatScaled(1n, mantissa, scale)}`);
        }
        fractionDigits = fractionDigits.slice(0, scale);
    }
    const units = BigInt(whole! + fractionDigits.padEnd(scale, '0'));
    if (units % mantissa !== 0n) {
        throw new DecimalConversionError(`${what} ${text} is not a multiple of ${formatScaled(1n, mantissa, scale)}`);
    }
    const count = units / mantissa;
    return sign === '-' ? -count : count;
}

/** A price in ticks as a decimal string, e.g. "100.50" for 10050 ticks of 0.01. */
export function ticksToPrice(ticks: bigint, instrument: InstrumentScales): string {
    return formatScaled(ticks, instrument.tickMantissa, instrument.tickScale);
}

/** A decimal price in ticks; throws for an off-tick price. */
export function priceToTicks(price: string, instrument: InstrumentScales): bigint {
    return parseScaled(price, instrument.tickMantissa, instrument.tickScale, 'price');
}

/** A quantity in lots as a decimal string, e.g. "0.1000" for 1000 lots of 0.0001. */
export function lotsToQuantity(lots: bigint, instrument: InstrumentScales): string {
    return formatScaled(lots, instrument.lotMantissa, instrument.lotScale);
}

/** A decimal quantity in lots; throws for an off-lot quantity. */
export function quantityToLots(quantity: string, instrument: InstrumentScales): bigint {
    return parseScaled(quantity, instrument.lotMantissa, instrument.lotScale, 'quantity');
}

/** An ExecutionReport's avgPriceTicksE8 (ticks × 10^8, truncated) as a decimal price with 8 more digits. */
export function averagePrice(avgPriceTicksE8: bigint, instrument: InstrumentScales): string {
    return formatScaled(avgPriceTicksE8, instrument.tickMantissa, instrument.tickScale + 8);
}
