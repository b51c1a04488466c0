using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

/// <summary>Published keys with known addresses.</summary>
internal static class TestKeys
{
    /// <summary>The key of the EIP-155 example.</summary>
    public const string Eip155PrivateKey = "0x4646464646464646464646464646464646464646464646464646464646464646";

    /// <summary>The sender of the EIP-155 example transaction.</summary>
    public const string Eip155Address = "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F";

    /// <summary>The first of anvil's (and hardhat's) default development accounts.</summary>
    public const string AnvilPrivateKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Its address.</summary>
    public const string AnvilAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    /// <summary>The key of the ethereumjs EIP-1559 vectors.</summary>
    public const string EthereumJsPrivateKey = "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63";

    public static Secp256k1Signer Eip155Signer() => Secp256k1Signer.FromHex(Eip155PrivateKey);
}
