using Matcher.Core.Text;

namespace Matcher.Core.State;

/// <summary>A pending withdrawal as seen from outside the core.</summary>
/// <param name="Id">The withdrawal's id (unique for the life of the journal).</param>
/// <param name="AccountId">The account whose funds are locked.</param>
/// <param name="AssetId">The asset.</param>
/// <param name="Amount">The amount, in asset units.</param>
/// <param name="Destination">Where it is to be paid on a chain; empty when elsewhere.</param>
public readonly record struct WithdrawalView(long Id, long AccountId, int AssetId, long Amount, ChainAddress Destination);
