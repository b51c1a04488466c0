namespace Matcher.TestSupport.Chain;

/// <summary>
/// One of anvil's funded dev accounts: unlocked on the node (eth_sendTransaction from it needs
/// no signature) and, with its private key, usable by a client that signs itself.
/// </summary>
/// <param name="Address">Lowercase <c>0x</c> + 40 hex digits.</param>
/// <param name="PrivateKey"><c>0x</c> + 64 hex digits.</param>
public sealed record DevAccount(string Address, string PrivateKey);
