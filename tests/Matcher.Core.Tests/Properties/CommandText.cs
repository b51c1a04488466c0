using System.Globalization;
using System.Text;
using Matcher.Core.Commands;

namespace Matcher.Core.Tests.Properties;

/// <summary>One-line descriptions of commands for failure reports and repros.</summary>
internal static class CommandText
{
    public static string Describe(in Command c)
    {
        var s = new StringBuilder();
        s.Append(c.Type.ToString());
        switch (c.Type)
        {
            case CommandType.PlaceOrder:
                s.Append(CultureInfo.InvariantCulture, $" acct {c.AccountId} inst {c.InstrumentId} {c.Side} {c.OrderType} {c.TimeInForce}");
                AppendIf(s, "px", c.PriceTicks);
                AppendIf(s, "qty", c.QuantityLots);
                AppendIf(s, "budget", c.QuoteBudget);
                AppendIf(s, "expire", c.ExpireTimeNs);
                if (c.SelfTradePrevention != SelfTradePrevention.None)
                {
                    s.Append(CultureInfo.InvariantCulture, $" stp {c.SelfTradePrevention}");
                }

                if (c.PostOnly)
                {
                    s.Append(" postOnly");
                }

                if (c.Trigger != TriggerType.None)
                {
                    s.Append(CultureInfo.InvariantCulture, $" {c.Trigger}");
                }

                AppendIf(s, "stop", c.StopPriceTicks);
                AppendIf(s, "trailTicks", c.TrailingOffsetTicks);
                AppendIf(s, "trailBps", c.TrailingOffsetBps);
                AppendIf(s, "display", c.DisplayLots);
                AppendClientIds(s, c);
                break;
            case CommandType.CancelOrder:
            case CommandType.AmendOrder:
            case CommandType.CancelReplace:
                s.Append(CultureInfo.InvariantCulture, $" acct {c.AccountId}");
                AppendIf(s, "order", c.OrderId);
                AppendClientIds(s, c);
                AppendIf(s, "px", c.PriceTicks);
                AppendIf(s, "qty", c.QuantityLots);
                AppendIf(s, "stop", c.StopPriceTicks);
                break;
            case CommandType.MassCancel:
                s.Append(CultureInfo.InvariantCulture, $" acct {c.AccountId} inst {c.InstrumentId} side {c.Side}");
                break;
            case CommandType.CancelSessionOrders:
                s.Append(CultureInfo.InvariantCulture, $" acct {c.AccountId}");
                break;
            case CommandType.ExpireOrders:
                s.Append(CultureInfo.InvariantCulture, $" at {c.TimestampNs}");
                break;
            case CommandType.Deposit:
            case CommandType.RequestWithdrawal:
            case CommandType.CompleteWithdrawal:
            case CommandType.FailWithdrawal:
                AppendIf(s, "withdrawal", c.WithdrawalId);
                AppendIf(s, "acct", c.AccountId);
                AppendIf(s, "asset", c.AssetId);
                AppendIf(s, "amount", c.Amount);
                break;
            case CommandType.UpdateInstrument:
                s.Append(CultureInfo.InvariantCulture, $" inst {c.InstrumentId}");
                AppendIf(s, "tick mantissa", c.Instrument.TickSize.Mantissa);
                AppendIf(s, "lot mantissa", c.Instrument.LotSize.Mantissa);
                AppendIf(s, "minQty", c.Instrument.MinQuantityLots);
                AppendIf(s, "minNotional", c.Instrument.MinNotional);
                break;
            case CommandType.SetInstrumentStatus:
                s.Append(CultureInfo.InvariantCulture, $" inst {c.InstrumentId} {c.InstrumentStatus}");
                break;
            case CommandType.SetAccountFeeTier:
            case CommandType.CreateAccount:
                s.Append(CultureInfo.InvariantCulture, $" acct {c.AccountId} tier {c.FeeTier}");
                break;
            case CommandType.SetFeeTier:
                s.Append(CultureInfo.InvariantCulture, $" tier {c.FeeTier} maker {c.MakerFeeBps} taker {c.TakerFeeBps}");
                break;
            default:
                break;
        }

        if (c.Origin != default)
        {
            s.Append(CultureInfo.InvariantCulture, $" from gateway {c.Origin.GatewayId} session {c.Origin.SessionId}");
        }

        s.Append(CultureInfo.InvariantCulture, $" (seq {c.Sequence}, t {c.TimestampNs})");
        return s.ToString();
    }

    private static void AppendIf(StringBuilder s, string name, long value)
    {
        if (value != 0)
        {
            s.Append(CultureInfo.InvariantCulture, $" {name} {value}");
        }
    }

    private static void AppendClientIds(StringBuilder s, in Command c)
    {
        if (!c.ClientOrderId.IsEmpty)
        {
            s.Append(CultureInfo.InvariantCulture, $" cid '{c.ClientOrderId}'");
        }

        if (!c.NewClientOrderId.IsEmpty)
        {
            s.Append(CultureInfo.InvariantCulture, $" newCid '{c.NewClientOrderId}'");
        }
    }
}
