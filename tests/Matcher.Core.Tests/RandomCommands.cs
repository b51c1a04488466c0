using Matcher.Core.Commands;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

/// <summary>
/// A seeded stream of every kind of command over a narrow price band, for determinism
/// and pipeline tests. Order ids are guessed (many cancels and amends hit unknown
/// orders and are rejected, which is part of the mix).
/// </summary>
internal static class RandomCommands
{
    public static List<Command> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var commands = new List<Command>
        {
            AddAsset(Btc, "BTC", 8),
            AddAsset(Usdt, "USDT", 6),
            AddInstrument(BtcUsdt, "BTC-USDT", Btc, Usdt, "0.01", "0.0001"),
            AddInstrument(2, "ETH-USDT", Btc, Usdt, "0.1", "0.001", minLots: 2),
            FeeTier(1, -2, 10),
            FeeTier(2, 5, 7),
        };
        for (var account = 1; account <= 5; account++)
        {
            commands.Add(new Command { Type = CommandType.CreateAccount, AccountId = account, FeeTier = account % 3 });
            commands.Add(Deposit(account, Btc, 1_000_000L * (account == 5 ? 1 : 100)));
            commands.Add(Deposit(account, Usdt, 100_000_000_000L * (account == 5 ? 1 : 100)));
        }

        var time = StartTimeNs;
        var clientIds = 0;
        var withdrawals = 0;
        for (var i = 0; i < count; i++)
        {
            time += random.Next(1, 1_000);
            var account = random.Next(1, 6);
            var instrument = random.Next(10) < 8 ? BtcUsdt : 2;
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var price = 10_000 + random.Next(-20, 21);
            var lots = 1 + random.Next(8);
            var roll = random.Next(100);
            Command command;
            if (roll < 45)
            {
                var tif = (TimeInForce)random.Next(0, 5);
                command = Limit(account, side, price, lots, tif, $"c{++clientIds}", (SelfTradePrevention)random.Next(5),
                    postOnly: random.Next(10) == 0, expireTimeNs: tif == TimeInForce.GoodTillDate ? time + random.Next(1, 20_000) : 0, instrumentId: instrument);
            }
            else if (roll < 52)
            {
                command = Market(account, side, lots, stp: (SelfTradePrevention)random.Next(5)) with { InstrumentId = instrument };
                if (side == Side.Buy && random.Next(2) == 0)
                {
                    command.QuantityLots = 0;
                    command.QuoteBudget = random.Next(1, 500_000);
                }
            }
            else if (roll < 65)
            {
                command = random.Next(2) == 0
                    ? Cancel(account, random.Next(1, clientIds + 1))
                    : Cancel(account, 0, $"c{random.Next(1, clientIds + 1)}");
            }
            else if (roll < 85)
            {
                command = Amend(account, random.Next(1, clientIds + 1), random.Next(3) == 0 ? 0 : price, random.Next(3) == 0 ? 0 : lots);
            }
            else if (roll < 89)
            {
                command = Replace(account, $"c{random.Next(1, clientIds + 1)}", $"c{++clientIds}", price, lots);
            }
            else if (roll < 91)
            {
                command = MassCancel(account, random.Next(3), (Side)random.Next(3));
            }
            else if (roll < 93)
            {
                // Its session is set below with every command's: about half the account's orders share it.
                command = CancelSession(account, default);
            }
            else if (roll < 95)
            {
                command = Expire(time);
            }
            else if (roll < 98)
            {
                command = random.Next(3) switch
                {
                    0 => new Command { Type = CommandType.RequestWithdrawal, WithdrawalId = ++withdrawals, AccountId = account, AssetId = Usdt, Amount = random.Next(1, 1_000_000) },
                    1 => new Command { Type = CommandType.CompleteWithdrawal, WithdrawalId = random.Next(1, withdrawals + 2) },
                    _ => new Command { Type = CommandType.FailWithdrawal, WithdrawalId = random.Next(1, withdrawals + 2) },
                };
            }
            else
            {
                command = Deposit(account, random.Next(2) == 0 ? Btc : Usdt, random.Next(1, 1_000_000));
            }

            command.TimestampNs = time;
            commands.Add(command);
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            command.Sequence = i + 1;
            command.TimestampNs = command.TimestampNs == 0 ? StartTimeNs : command.TimestampNs;
            command.Origin = new Origin((ushort)(1 + (i % 2)), (int)(command.AccountId % 7), i);
            commands[i] = command;
        }

        return commands;
    }
}
