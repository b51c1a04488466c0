using Matcher.Gateways.Chain;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Server.Configuration;

/// <summary>Configuration of the chain gateway (section <c>Matcher:Chain</c>); off unless enabled.</summary>
public sealed class ChainSettings
{
    /// <summary>Whether the gateway runs.</summary>
    public bool Enabled { get; set; }

    /// <summary>The node's JSON-RPC endpoint (HTTP).</summary>
    public string RpcUrl { get; set; } = "";

    /// <summary>The chain id withdrawals are signed for.</summary>
    public ulong ChainId { get; set; }

    /// <summary>The escrow contract's address.</summary>
    public string Escrow { get; set; } = "";

    /// <summary>The escrow operator's private key, hex; give it by environment (<c>Matcher__Chain__OperatorKey</c>), never in a shared file. Never logged.</summary>
    public string OperatorKey { get; set; } = "";

    /// <summary>Confirmations before a deposit is credited (the block itself counts as one).</summary>
    public int Confirmations { get; set; } = 12;

    /// <summary>The first block to scan (the escrow's deployment block).</summary>
    public ulong StartBlock { get; set; }

    /// <summary>Confirmed blocks kept to notice reorgs below the confirmation depth.</summary>
    public int ReorgWindow { get; set; } = 64;

    /// <summary>How often the node is polled, in milliseconds.</summary>
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>The longest wait between retries after RPC errors, in milliseconds.</summary>
    public int MaxBackoffMs { get; set; } = 30_000;

    /// <summary>Gas limit of a withdraw transaction.</summary>
    public ulong WithdrawGasLimit { get; set; } = 200_000;

    /// <summary>The most a withdraw transaction offers per gas, in gwei; fee replacements stop there.</summary>
    public long MaxFeePerGasGwei { get; set; } = 500;

    /// <summary>A withdraw transaction not mined within this many seconds is replaced (same nonce, higher fees).</summary>
    public int ResendAfterSeconds { get; set; } = 60;

    /// <summary>Start with deposits paused (the kill switch; also <c>POST /admin/chain/deposits/pause</c>).</summary>
    public bool DepositsPaused { get; set; }

    /// <summary>Start with withdrawals paused.</summary>
    public bool WithdrawalsPaused { get; set; }

    /// <summary>The tokens the escrow holds and the assets they credit.</summary>
    public List<TokenConfig> Tokens { get; set; } = [];

    /// <summary>The gateway's options; <paramref name="dataDirectory"/> holds its cursor.</summary>
    public ChainGatewayOptions ToOptions(string dataDirectory) => new()
    {
        RpcUrl = new Uri(RpcUrl),
        ChainId = ChainId,
        Escrow = Address.Parse(Escrow),
        OperatorKey = OperatorKey,
        Tokens = [.. Tokens.Select(t => new TokenMapping(Address.Parse(t.Token), t.AssetId, t.Decimals))],
        Confirmations = Confirmations,
        StartBlock = StartBlock,
        ReorgWindow = ReorgWindow,
        PollInterval = TimeSpan.FromMilliseconds(PollIntervalMs),
        MaxBackoff = TimeSpan.FromMilliseconds(MaxBackoffMs),
        WithdrawGasLimit = WithdrawGasLimit,
        MaxFeePerGas = new System.Numerics.BigInteger(MaxFeePerGasGwei) * 1_000_000_000,
        ResendAfter = TimeSpan.FromSeconds(ResendAfterSeconds),
        DepositsPaused = DepositsPaused,
        WithdrawalsPaused = WithdrawalsPaused,
        StateDirectory = Path.Combine(dataDirectory, "chain"),
    };

    internal void Validate(List<string> errors)
    {
        if (!Enabled)
        {
            return;
        }

        if (!Uri.TryCreate(RpcUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"Matcher:Chain:RpcUrl '{RpcUrl}' is not an http(s) URL");
        }

        if (ChainId == 0)
        {
            errors.Add("Matcher:Chain:ChainId must be set");
        }

        if (!Address.TryParse(Escrow, out _))
        {
            errors.Add($"Matcher:Chain:Escrow '{Escrow}' is not an address (0x and 40 hex digits, EIP-55 checksum when mixed case)");
        }

        try
        {
            _ = Secp256k1Signer.FromHex(OperatorKey);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            errors.Add("Matcher:Chain:OperatorKey is not a secp256k1 private key (0x and 64 hex digits)");
        }

        if (Confirmations < 1 || ReorgWindow < 0 || PollIntervalMs <= 0 || MaxBackoffMs < PollIntervalMs || ResendAfterSeconds <= 0 || WithdrawGasLimit < 21_000 || MaxFeePerGasGwei <= 0)
        {
            errors.Add("Matcher:Chain: Confirmations ≥ 1, ReorgWindow ≥ 0, PollIntervalMs > 0, MaxBackoffMs ≥ PollIntervalMs, ResendAfterSeconds > 0, WithdrawGasLimit ≥ 21000 and MaxFeePerGasGwei > 0 are required");
        }

        var assets = new HashSet<int>();
        for (var i = 0; i < Tokens.Count; i++)
        {
            var token = Tokens[i];
            if (!Address.TryParse(token.Token, out _) || token.AssetId <= 0 || !assets.Add(token.AssetId) || token.Decimals is < 0 or > 77)
            {
                errors.Add($"Matcher:Chain:Tokens:{i}: needs a token address, an asset id used once, and decimals 0-77");
            }
        }
    }
}

/// <summary>One token the escrow holds (an entry of <c>Matcher:Chain:Tokens</c>).</summary>
public sealed class TokenConfig
{
    /// <summary>The ERC-20 contract.</summary>
    public string Token { get; set; } = "";

    /// <summary>The asset it is credited as.</summary>
    public int AssetId { get; set; }

    /// <summary>The token's decimals.</summary>
    public int Decimals { get; set; }
}
