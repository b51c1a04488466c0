using System.Text.Json;

namespace Matcher.TestSupport.Chain.Tests;

/// <summary>The compiled artifacts, and the C# signatures checked against their ABI.</summary>
public sealed class ContractsTests
{
    private static string Signature(JsonElement entry) =>
        $"{entry.GetProperty("name").GetString()}({string.Join(',', entry.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("type").GetString()))})";

    private static List<string> Signatures(ContractArtifact artifact, string kind) =>
        [.. artifact.Abi.EnumerateArray().Where(e => e.GetProperty("type").GetString() == kind).Select(Signature).Order(StringComparer.Ordinal)];

    [Test]
    public void Load_Missing_ThrowsSayingHowToBuild()
    {
        Assert.That(() => Contracts.Load("NoSuchContract"),
            Throws.InvalidOperationException.With.Message.Contains("NoSuchContract.json").And.Message.Contains("compile_contracts"));
    }

    [Test]
    public void Load_Escrow_AbiHasExactlyTheEventsAndErrorsTheHelpersName()
    {
        var artifact = Contracts.Load(Contracts.EscrowName);

        Assert.That(artifact.ContractName, Is.EqualTo("MatcherEscrow"));
        Assert.That(artifact.Bytecode, Does.StartWith("0x60"));
        Assert.That(Signatures(artifact, "event"), Is.EqualTo(new[]
        {
            MatcherEscrowContract.DepositedEvent,
            MatcherEscrowContract.OperatorChangedEvent,
            MatcherEscrowContract.PausedEvent,
            MatcherEscrowContract.UnpausedEvent,
            MatcherEscrowContract.WithdrawnEvent,
        }));
        Assert.That(Signatures(artifact, "error"), Is.EqualTo(new[]
        {
            MatcherEscrowContract.AlreadyWithdrawnError,
            MatcherEscrowContract.ContractPausedError,
            MatcherEscrowContract.NotOperatorError,
            MatcherEscrowContract.NotOwnerError,
            MatcherEscrowContract.NotPausedError,
            MatcherEscrowContract.TransferFailedError,
            MatcherEscrowContract.ZeroAddressError,
            MatcherEscrowContract.ZeroAmountError,
        }));
        Assert.That(Signatures(artifact, "function"), Is.EquivalentTo(new[]
        {
            "deposit(address,uint64,uint256)", "withdraw(uint64,address,address,uint256)", "withdrawn(uint64)",
            "operator()", "owner()", "paused()", "pause()", "unpause()", "setOperator(address)",
        }));
        var deposited = artifact.Abi.EnumerateArray().Single(e => e.TryGetProperty("name", out var name) && name.GetString() == "Deposited");
        Assert.That(deposited.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("indexed").GetBoolean()),
            Is.EqualTo(new[] { true, true, true, false }));
    }

    [Test]
    public void Load_TestToken_IsAnErc20WithMint()
    {
        var artifact = Contracts.Load(Contracts.TestTokenName);

        Assert.That(Signatures(artifact, "function"), Is.SupersetOf(new[]
        {
            "name()", "symbol()", "decimals()", "totalSupply()", "balanceOf(address)", "allowance(address,address)",
            "transfer(address,uint256)", "transferFrom(address,address,uint256)", "approve(address,uint256)", "mint(address,uint256)",
        }));
        Assert.That(Signatures(artifact, "event"), Is.EqualTo(new[] { "Approval(address,address,uint256)", TestTokenContract.TransferEvent }));
        Assert.That(artifact.EvmVersion, Is.EqualTo("cancun"));
    }
}
