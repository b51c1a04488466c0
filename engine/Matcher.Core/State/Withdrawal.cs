using Matcher.Core.Text;

namespace Matcher.Core.State;

/// <summary>A withdrawal whose funds are locked until it completes or fails.</summary>
internal readonly record struct Withdrawal(long Id, Account Account, Asset Asset, long Amount, ChainAddress Destination);
