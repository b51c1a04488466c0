using Matcher.Core.Commands;

namespace Matcher.Bench.Core;

/// <summary>An order a benchmark fixture placed, as the core accepted it.</summary>
public readonly record struct RestingOrder(long OrderId, long AccountId, Side Side, long PriceTicks, long QuantityLots);
