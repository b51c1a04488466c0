using Matcher.Core.Text;

namespace Matcher.Gateways.Fix.Application;

/// <summary>
/// What the answer to a cancel or mass-cancel request must echo that the core's events do
/// not carry: the request's own ClOrdID and mass-cancel type. Kept by (session, correlation
/// id) until the core's answer arrives.
/// </summary>
internal readonly record struct PendingRequest(ClientOrderId ClientOrderId, ClientOrderId OrigClientOrderId, byte MassCancelRequestType);
