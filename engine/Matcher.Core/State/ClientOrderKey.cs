using Matcher.Core.Text;

namespace Matcher.Core.State;

/// <summary>A live order's client order id within its account: unique while the order is live.</summary>
internal readonly record struct ClientOrderKey(long AccountId, ClientOrderId ClientOrderId);
