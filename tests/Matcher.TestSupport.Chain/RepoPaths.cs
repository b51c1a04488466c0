namespace Matcher.TestSupport.Chain;

/// <summary>Where the chain tools live in the repository: found from the test binaries upward.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> _root = new(FindRoot, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The nearest folder above the test binaries that holds tools/chain/package.json.</summary>
    public static string Root => _root.Value;

    /// <summary>anvil inside tools/chain/node_modules (npm package @foundry-rs/anvil-linux-amd64).</summary>
    public static string Anvil =>
        Path.Combine(Root, "tools", "chain", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    /// <summary>The folder tools/chain/compile.mjs writes the contracts' JSON into.</summary>
    public static string ContractsBuild =>
        Path.Combine(Root, "gateways", "Matcher.Gateways.Chain", "Contracts", "build");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "tools", "chain", "package.json")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds tools/chain/package.json (the repository root).");
    }
}
