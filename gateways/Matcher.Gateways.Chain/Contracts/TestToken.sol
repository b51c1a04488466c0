// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Test token
/// @notice A minimal ERC-20 for tests only: anyone can mint any amount to anyone. Never deploy
/// it where its balances would mean money.
contract TestToken {
    /// @notice The token's name.
    string public name;
    /// @notice The token's symbol.
    string public symbol;
    /// @notice Decimal places in the token's display unit (6 like USDC, 18 like most tokens).
    uint8 public immutable decimals;
    /// @notice All tokens minted.
    uint256 public totalSupply;
    /// @notice Each holder's balance.
    mapping(address => uint256) public balanceOf;
    /// @notice How much each spender may still move for each owner.
    mapping(address => mapping(address => uint256)) public allowance;

    /// @notice `value` tokens moved from `from` to `to` (from the zero address when minted).
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice `owner` allowed `spender` to move `value` of its tokens.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice The sender's balance is smaller than the amount.
    error InsufficientBalance(uint256 balance, uint256 needed);
    /// @notice The spender's allowance is smaller than the amount.
    error InsufficientAllowance(uint256 allowance, uint256 needed);
    /// @notice Tokens cannot be sent to (or minted for) the zero address.
    error ZeroAddress();

    constructor(string memory name_, string memory symbol_, uint8 decimals_) {
        name = name_;
        symbol = symbol_;
        decimals = decimals_;
    }

    /// @notice Creates `amount` new tokens for `to`. Open to anyone: this is a test token.
    function mint(address to, uint256 amount) external {
        if (to == address(0)) revert ZeroAddress();
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        // The largest allowance stands for "unlimited" and is never spent down.
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert InsufficientAllowance(allowed, amount);
            allowance[from][msg.sender] = allowed - amount;
        }
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        if (to == address(0)) revert ZeroAddress();
        uint256 balance = balanceOf[from];
        if (balance < amount) revert InsufficientBalance(balance, amount);
        unchecked {
            balanceOf[from] = balance - amount;
        }
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}
