// Compiles the Solidity contracts in gateways/Matcher.Gateways.Chain/Contracts with solc-js (the
// exact version pinned in package.json) and writes one JSON file per contract into its build/
// folder: { contractName, abi, bytecode, deployedBytecode, solcVersion, evmVersion }.
// Any compiler error or warning fails the run (exit code 1) with the compiler's messages.
//
//   node tools/chain/compile.mjs            (or: source scripts/chain.sh && compile_contracts)

import { readFileSync, readdirSync, mkdirSync, writeFileSync, renameSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

// cancun: the EVM version every chain we target runs or exceeds; anvil's default hardfork is
// newer and runs cancun code unchanged. Bump together with the contracts' tests.
const EVM_VERSION = "cancun";
const OPTIMIZER_RUNS = 200;

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const contractsDir = join(root, "gateways/Matcher.Gateways.Chain/Contracts");
const buildDir = join(contractsDir, "build");

const require = createRequire(import.meta.url);
const solc = require("solc");

function fail(message) {
    console.error(`compile.mjs: ${message}`);
    process.exit(1);
}

// The installed compiler must be the one package.json pins (npm ci guarantees it; a stray
// npm install might not).
const pinned = JSON.parse(readFileSync(join(here, "package.json"), "utf8")).devDependencies?.solc;
const version = solc.version();
if (!pinned || !version.startsWith(`${pinned}+`)) {
    fail(`solc ${version} is installed but package.json pins ${pinned}; run npm ci in tools/chain`);
}

const files = readdirSync(contractsDir).filter((f) => f.endsWith(".sol")).sort();
if (files.length === 0) {
    fail(`no .sol files in ${contractsDir}`);
}

const input = {
    language: "Solidity",
    sources: Object.fromEntries(files.map((f) => [f, { content: readFileSync(join(contractsDir, f), "utf8") }])),
    settings: {
        evmVersion: EVM_VERSION,
        optimizer: { enabled: true, runs: OPTIMIZER_RUNS },
        outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
};

// solc-js reports problems inside its JSON output rather than throwing; a crash of the compiler
// itself still throws.
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = (output.errors ?? []).filter((e) => e.severity === "error" || e.severity === "warning");
if (problems.length > 0) {
    for (const problem of problems) {
        console.error(problem.formattedMessage ?? problem.message);
    }
    const errors = problems.filter((p) => p.severity === "error").length;
    fail(`${errors} error(s) and ${problems.length - errors} warning(s); nothing written`);
}

mkdirSync(buildDir, { recursive: true });
for (const file of files) {
    // Each file X.sol yields the contract X; helper interfaces beside it are not written out.
    const name = file.slice(0, -".sol".length);
    const contract = output.contracts?.[file]?.[name];
    if (!contract) {
        fail(`${file} does not define a contract named ${name}`);
    }
    const bytecode = contract.evm.bytecode.object;
    if (!bytecode) {
        fail(`${name} compiled to empty bytecode (abstract contract or interface?)`);
    }
    const artifact = {
        contractName: name,
        abi: contract.abi,
        bytecode: `0x${bytecode}`,
        deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
        solcVersion: version,
        evmVersion: EVM_VERSION,
    };
    // Write then rename: a reader never sees half a file.
    const target = join(buildDir, `${name}.json`);
    writeFileSync(`${target}.tmp`, `${JSON.stringify(artifact, null, 2)}\n`);
    renameSync(`${target}.tmp`, target);
}
