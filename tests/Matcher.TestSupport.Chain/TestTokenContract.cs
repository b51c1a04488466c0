using System.Numerics;

namespace Matcher.TestSupport.Chain;

/// <summary>A deployed TestToken (a minimal ERC-20 anyone can mint): typed calls with hand-encoded ABI.</summary>
public sealed class TestTokenContract
{
    /// <summary>The ERC-20 Transfer event's signature (its topic is <see cref="Abi.Topic"/> of it).</summary>
    public const string TransferEvent = "Transfer(address,address,uint256)";

    private TestTokenContract(AnvilNode node, string address)
    {
        Node = node;
        Address = address;
    }

    /// <summary>The node the token lives on.</summary>
    public AnvilNode Node { get; }

    /// <summary>The token's lowercase address.</summary>
    public string Address { get; }

    /// <summary>Deploys a token from the unlocked <paramref name="from"/>.</summary>
    public static async Task<TestTokenContract> DeployAsync(AnvilNode node, string from, string name, string symbol, byte decimals)
    {
        var address = await Contracts.DeployAsync(
            node, from, Contracts.Load(Contracts.TestTokenName), ["string", "string", "uint8"], name, symbol, decimals).ConfigureAwait(false);
        return new TestTokenContract(node, address);
    }

    /// <summary>A handle on a token already deployed at <paramref name="address"/>.</summary>
    public static TestTokenContract At(AnvilNode node, string address) => new(node, Abi.NormalizeAddress(address));

    /// <summary>Call data of mint(to, amount).</summary>
    public static string EncodeMint(string to, BigInteger amount) => Abi.EncodeCall("mint(address,uint256)", to, amount);

    /// <summary>Call data of approve(spender, amount).</summary>
    public static string EncodeApprove(string spender, BigInteger amount) => Abi.EncodeCall("approve(address,uint256)", spender, amount);

    /// <summary>Call data of transfer(to, amount).</summary>
    public static string EncodeTransfer(string to, BigInteger amount) => Abi.EncodeCall("transfer(address,uint256)", to, amount);

    /// <summary>mint: creates <paramref name="amount"/> (base units) for <paramref name="to"/>; anyone may call it.</summary>
    public Task<TransactionReceipt> MintAsync(string from, string to, BigInteger amount) =>
        Node.TransactAsync(from, Address, EncodeMint(to, amount));

    /// <summary>approve: lets <paramref name="spender"/> move up to <paramref name="amount"/> of <paramref name="owner"/>'s tokens.</summary>
    public Task<TransactionReceipt> ApproveAsync(string owner, string spender, BigInteger amount) =>
        Node.TransactAsync(owner, Address, EncodeApprove(spender, amount));

    /// <summary>transfer from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public Task<TransactionReceipt> TransferAsync(string from, string to, BigInteger amount) =>
        Node.TransactAsync(from, Address, EncodeTransfer(to, amount));

    /// <summary>balanceOf(holder) at <paramref name="block"/>.</summary>
    public async Task<BigInteger> BalanceOfAsync(string holder, string block = "latest") =>
        Abi.DecodeUint(await Node.CallAsync(Address, Abi.EncodeCall("balanceOf(address)", holder), block).ConfigureAwait(false));

    /// <summary>allowance(owner, spender).</summary>
    public async Task<BigInteger> AllowanceAsync(string owner, string spender) =>
        Abi.DecodeUint(await Node.CallAsync(Address, Abi.EncodeCall("allowance(address,address)", owner, spender)).ConfigureAwait(false));

    /// <summary>decimals().</summary>
    public async Task<byte> DecimalsAsync() =>
        (byte)Abi.DecodeUint(await Node.CallAsync(Address, Abi.EncodeCall("decimals()")).ConfigureAwait(false));

    /// <summary>totalSupply().</summary>
    public async Task<BigInteger> TotalSupplyAsync() =>
        Abi.DecodeUint(await Node.CallAsync(Address, Abi.EncodeCall("totalSupply()")).ConfigureAwait(false));
}
