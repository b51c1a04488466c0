// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Matcher escrow
/// @notice Holds the ERC-20 tokens that back balances on the Matcher exchange. Users deposit
/// here, and the exchange credits each `Deposited` log once, keyed by (transaction hash, log
/// index). Withdrawals are paid by the operator (the exchange's hot key), each under a
/// withdrawal id that can be paid at most once. The owner (the deployer) can replace the
/// operator and pause both deposits and withdrawals.
/// @dev Assumes listed tokens move exactly the amount asked (no fee-on-transfer or rebasing
/// tokens): the exchange lists tokens one by one and must not list such a token.
contract MatcherEscrow {
    /// @notice Deposits and withdrawals are paused.
    /// @dev Not named `Paused()`: an error may not share its name with the `Paused` event.
    error ContractPaused();
    /// @notice `unpause` was called while not paused.
    error NotPaused();
    /// @notice Only the operator may call this function.
    error NotOperator();
    /// @notice Only the owner may call this function.
    error NotOwner();
    /// @notice An amount of zero was given.
    error ZeroAmount();
    /// @notice The zero address was given where an account is needed.
    error ZeroAddress();
    /// @notice The token is not a contract, its transfer reverted, or it returned false.
    error TransferFailed();
    /// @notice This withdrawal id has been paid already.
    error AlreadyWithdrawn(uint64 withdrawalId);

    /// @notice `user` moved `amount` of `token` into escrow for the exchange account `accountId`.
    event Deposited(address indexed user, address indexed token, uint64 indexed accountId, uint256 amount);
    /// @notice The operator paid withdrawal `withdrawalId`: `amount` of `token` to `to`.
    event Withdrawn(uint64 indexed withdrawalId, address indexed token, address indexed to, uint256 amount);
    /// @notice `account` (the owner) paused deposits and withdrawals.
    event Paused(address account);
    /// @notice `account` (the owner) resumed deposits and withdrawals.
    event Unpaused(address account);
    /// @notice The operator is now `operator`.
    event OperatorChanged(address operator);

    /// @notice The deployer: may change the operator and pause or unpause.
    address public immutable owner;
    /// @notice The only address that may pay withdrawals.
    address public operator;
    /// @notice True while deposits and withdrawals are refused.
    bool public paused;
    /// @notice True for every withdrawal id that has been paid.
    mapping(uint64 => bool) public withdrawn;

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    modifier onlyOperator() {
        if (msg.sender != operator) revert NotOperator();
        _;
    }

    modifier whenNotPaused() {
        if (paused) revert ContractPaused();
        _;
    }

    /// @param initialOperator The address that will pay withdrawals.
    constructor(address initialOperator) {
        if (initialOperator == address(0)) revert ZeroAddress();
        owner = msg.sender;
        operator = initialOperator;
        emit OperatorChanged(initialOperator);
    }

    /// @notice Replaces the operator.
    function setOperator(address newOperator) external onlyOwner {
        if (newOperator == address(0)) revert ZeroAddress();
        operator = newOperator;
        emit OperatorChanged(newOperator);
    }

    /// @notice Refuses deposits and withdrawals until `unpause`.
    function pause() external onlyOwner whenNotPaused {
        paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Accepts deposits and withdrawals again.
    function unpause() external onlyOwner {
        if (!paused) revert NotPaused();
        paused = false;
        emit Unpaused(msg.sender);
    }

    /// @notice Moves `amount` of `token` from the caller into escrow, for the exchange account
    /// `accountId`. The caller must have approved this contract for at least `amount` first.
    function deposit(address token, uint64 accountId, uint256 amount) external whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        _call(token, abi.encodeCall(IERC20Transfers.transferFrom, (msg.sender, address(this), amount)));
        emit Deposited(msg.sender, token, accountId, amount);
    }

    /// @notice Pays withdrawal `withdrawalId`: `amount` of `token` to `to`. Each id is paid once;
    /// a second call with the same id reverts with `AlreadyWithdrawn`.
    function withdraw(uint64 withdrawalId, address token, address to, uint256 amount)
        external
        onlyOperator
        whenNotPaused
    {
        if (withdrawn[withdrawalId]) revert AlreadyWithdrawn(withdrawalId);
        if (amount == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        // Checks-effects-interactions: the id is spent before the token is called, so a token
        // that calls back into this contract cannot have the same id paid twice.
        withdrawn[withdrawalId] = true;
        _call(token, abi.encodeCall(IERC20Transfers.transfer, (to, amount)));
        emit Withdrawn(withdrawalId, token, to, amount);
    }

    /// @dev Calls a token's transfer or transferFrom and accepts either `true` or no return data
    /// at all (tokens such as USDT return nothing). Anything else, a revert, or a token address
    /// without code (a call to it would "succeed" and move nothing) fails with `TransferFailed`.
    function _call(address token, bytes memory data) private {
        if (token.code.length == 0) revert TransferFailed();
        (bool success, bytes memory returned) = token.call(data);
        if (!success) revert TransferFailed();
        if (returned.length != 0 && (returned.length != 32 || abi.decode(returned, (uint256)) != 1)) {
            revert TransferFailed();
        }
    }
}

/// @dev The two ERC-20 functions the escrow calls, for `abi.encodeCall`'s type checking.
interface IERC20Transfers {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}
