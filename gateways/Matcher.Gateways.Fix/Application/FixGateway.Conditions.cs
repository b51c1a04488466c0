using Matcher.Core.Commands;
using Matcher.Core.Numbers;
using Matcher.Core.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;
using Matcher.Views.Instruments;

namespace Matcher.Gateways.Fix.Application;

/// <summary>
/// Inbound: the conditional and advanced fields of a NewOrderSingle — StopPx (99), the
/// trailing stop peg (ExecInst 18 = a, PegOffsetValue 211, PegOffsetType 836), MaxFloor (111)
/// and one-cancels-other (ContingencyType 1385 = 1, ClOrdLinkID 583). See docs/FIX.md.
/// </summary>
public sealed partial class FixGateway
{
    /// <summary>PegOffsetType (836) values: the offset in price units, basis points or ticks.</summary>
    private const byte PegOffsetPrice = (byte)'0';
    private const byte PegOffsetBasisPoints = (byte)'1';
    private const byte PegOffsetTicks = (byte)'2';

    /// <summary>
    /// Reads the order's conditions into <paramref name="command"/>, whose
    /// <see cref="Command.Trigger"/> OrdType already set. A bad or misplaced field is answered
    /// here (an ExecutionReport 39=8, or a session Reject for a missing tag) and false is
    /// returned: nothing is published.
    /// </summary>
    private bool TryReadConditions(FixSession session, FixMessage m, long seq, CatalogEntry instrument, ClientOrderId clOrdId, ref Command command)
    {
        var trailing = m.TryGet(FixTags.ExecInst, out var execInst) && HasInstruction(execInst, (byte)'a');
        var hasStopPx = m.TryGet(ApplicationTags.StopPx, out var stopText);
        var hasPeg = m.TryGet(ApplicationTags.PegOffsetValue, out var pegText);
        if (trailing)
        {
            if (command.Trigger != TriggerType.Stop || command.OrderType != OrderType.Market)
            {
                RejectOrder(session, m, clOrdId, 11, "ExecInst a (trailing stop peg) needs OrdType 3 (stop): a trailing stop is a market order");
                return false;
            }

            if (hasStopPx)
            {
                RejectOrder(session, m, clOrdId, 11, "A trailing stop takes PegOffsetValue (211), not StopPx (99): its stop price follows the market");
                return false;
            }

            if (!hasPeg || pegText.IsEmpty)
            {
                SessionReject(session, seq, ApplicationTags.PegOffsetValue, RequiredTagMissing, "PegOffsetValue (211) is required for a trailing stop (ExecInst a)");
                return false;
            }

            command.Trigger = TriggerType.TrailingStop;
            if (!TryReadTrailingOffset(session, m, instrument, clOrdId, pegText, ref command))
            {
                return false;
            }
        }
        else if (hasPeg || m.Has(ApplicationTags.PegOffsetType))
        {
            RejectOrder(session, m, clOrdId, 11, "PegOffsetValue (211) and PegOffsetType (836) apply only to a trailing stop: OrdType 3 with ExecInst a");
            return false;
        }
        else if (command.Trigger != TriggerType.None)
        {
            if (!hasStopPx)
            {
                SessionReject(session, seq, ApplicationTags.StopPx, RequiredTagMissing, "StopPx (99) is required for OrdType 3 (stop), 4 (stop limit) and J (market if touched)");
                return false;
            }

            if (!FixDecimal.TryParse(stopText, out var stop) || !instrument.TryToTicks(stop, out command.StopPriceTicks))
            {
                RejectOrder(session, m, clOrdId, 99, $"StopPx must be a positive multiple of the tick size {instrument.Definition.TickSize}");
                return false;
            }
        }
        else if (hasStopPx)
        {
            RejectOrder(session, m, clOrdId, 11, "StopPx (99) applies only to OrdType 3 (stop), 4 (stop limit) or J (market if touched)");
            return false;
        }

        if (m.TryGet(ApplicationTags.MaxFloor, out var floorText)
            && (!FixDecimal.TryParse(floorText, out var floor) || !instrument.TryToLots(floor, out command.DisplayLots)))
        {
            RejectOrder(session, m, clOrdId, 13, $"MaxFloor must be a positive multiple of the lot size {instrument.Definition.LotSize}");
            return false;
        }

        return TryReadContingency(session, m, seq, clOrdId, ref command);
    }

    /// <summary>PegOffsetValue in price units (836 = 0 or absent, on the tick grid), basis points (1) or ticks (2), as a distance: the sign is ignored.</summary>
    private bool TryReadTrailingOffset(FixSession session, FixMessage m, CatalogEntry instrument, ClientOrderId clOrdId, ReadOnlySpan<byte> pegText, ref Command command)
    {
        var offsetType = PegOffsetPrice;
        if (m.TryGet(ApplicationTags.PegOffsetType, out var typeText)
            && (typeText.Length != 1 || typeText[0] is not (PegOffsetPrice or PegOffsetBasisPoints or PegOffsetTicks)))
        {
            RejectOrder(session, m, clOrdId, 11, "PegOffsetType (836) must be 0 (price), 1 (basis points) or 2 (ticks)");
            return false;
        }

        if (!typeText.IsEmpty)
        {
            offsetType = typeText[0];
        }

        // FIX peg offsets are signed (a sell's is often negative); ours is a distance either way.
        var magnitude = pegText[0] == (byte)'-' ? pegText[1..] : pegText;
        var parsed = FixDecimal.TryParse(magnitude, out var offset);
        switch (offsetType)
        {
            case PegOffsetPrice when parsed && instrument.TryToTicks(offset, out command.TrailingOffsetTicks):
                return true;
            case PegOffsetPrice:
                RejectOrder(session, m, clOrdId, 99, $"PegOffsetValue must be a non-zero multiple of the tick size {instrument.Definition.TickSize} (PegOffsetType 0: price)");
                return false;
            case PegOffsetBasisPoints when parsed && offset.TryDivideExact(new ScaledDecimal(1, 0), out command.TrailingOffsetBps) && command.TrailingOffsetBps > 0:
                return true;
            case PegOffsetBasisPoints:
                RejectOrder(session, m, clOrdId, 99, "PegOffsetValue must be a non-zero whole number of basis points (PegOffsetType 1)");
                return false;
            case PegOffsetTicks when parsed && offset.TryDivideExact(new ScaledDecimal(1, 0), out command.TrailingOffsetTicks) && command.TrailingOffsetTicks > 0:
                return true;
            default:
                RejectOrder(session, m, clOrdId, 99, "PegOffsetValue must be a non-zero whole number of ticks (PegOffsetType 2)");
                return false;
        }
    }

    /// <summary>ContingencyType (1385) = 1 with ClOrdLinkID (583): tie the order to the live order of that ClOrdID.</summary>
    private bool TryReadContingency(FixSession session, FixMessage m, long seq, ClientOrderId clOrdId, ref Command command)
    {
        var hasLink = m.TryGet(ApplicationTags.ClOrdLinkID, out var linkText);
        if (!m.TryGet(ApplicationTags.ContingencyType, out var contingency))
        {
            if (hasLink)
            {
                RejectOrder(session, m, clOrdId, 11, "ClOrdLinkID (583) needs ContingencyType (1385) = 1 (one cancels the other)");
                return false;
            }

            return true;
        }

        if (!contingency.SequenceEqual("1"u8))
        {
            RejectOrder(session, m, clOrdId, 11, "ContingencyType (1385) must be 1 (one cancels the other)");
            return false;
        }

        if (!hasLink || linkText.IsEmpty)
        {
            SessionReject(session, seq, ApplicationTags.ClOrdLinkID, RequiredTagMissing, "ClOrdLinkID (583) is required with ContingencyType 1: the ClOrdID of the order to tie to");
            return false;
        }

        if (!ClientOrderId.TryCreate(linkText, out command.LinkedClientOrderId) || command.LinkedClientOrderId.IsEmpty)
        {
            RejectOrder(session, m, clOrdId, 99, "ClOrdLinkID must be 1 to 32 printable ASCII characters");
            return false;
        }

        command.Contingency = ContingencyType.OneCancelsOther;
        return true;
    }

    /// <summary>Whether the space-separated ExecInst (18) list holds <paramref name="instruction"/>.</summary>
    private static bool HasInstruction(ReadOnlySpan<byte> execInst, byte instruction)
    {
        foreach (var range in execInst.Split((byte)' '))
        {
            if (execInst[range].Length == 1 && execInst[range][0] == instruction)
            {
                return true;
            }
        }

        return false;
    }
}
