namespace Matcher.Cli.Tests;

/// <summary>A scenario over <see cref="Setups.BtcUsdt"/> that uses every command type and causes every event type.</summary>
internal static class EveryCommand
{
    public const string Lines = """
        {"type":"add_asset","asset":"SOL","scale":9}
        {"type":"add_instrument","instrument":"SOL-USDT","base":"SOL","quote":"USDT","tick_size":"0.001","lot_size":"0.01","min_notional":"1"}
        {"type":"update_instrument","instrument":"SOL-USDT","min_quantity":"0.1"}
        {"type":"set_fee_tier","fee_tier":2,"maker_bps":0,"taker_bps":10}
        {"type":"create_account","account":4,"fee_tier":2}
        {"type":"set_account_fee_tier","account":4,"fee_tier":1}
        {"type":"set_account_limits","account":4,"max_open_orders":50,"max_order_lots":1000000}
        {"type":"set_account_status","account":2,"status":"trading"}
        {"type":"set_price_band","instrument":"SOL-USDT","band_bps":0}
        {"type":"deposit","account":4,"asset":"USDT","amount":"5000.25"}
        {"type":"place_order","account":1,"instrument":"BTC-USDT","side":"sell","order_type":"limit","price":"30000","quantity":"0.5","client_order_id":"s1"}
        {"type":"place_order","account":4,"instrument":"BTC-USDT","side":"buy","order_type":"market","quantity":"0.1"}
        {"type":"amend_order","account":1,"client_order_id":"s1","quantity":"0.3"}
        {"type":"cancel_replace","account":1,"order_id":1,"new_client_order_id":"s2","price":"30001"}
        {"type":"place_order","account":2,"instrument":"BTC-USDT","side":"buy","order_type":"limit","tif":"gtd","price":"29000","quantity":"0.1","expire_time":"2030-01-01T00:00:00Z"}
        {"type":"expire_orders","time":"2030-01-01T00:00:00Z"}
        {"type":"cancel_order","account":1,"client_order_id":"s2"}
        {"type":"place_order","account":1,"instrument":"BTC-USDT","side":"sell","order_type":"limit","price":"31000","quantity":"0.1"}
        {"type":"mass_cancel","account":1}
        {"type":"place_order","account":1,"instrument":"BTC-USDT","side":"sell","order_type":"limit","price":"31000","quantity":"0.1"}
        {"type":"cancel_session_orders","account":1}
        {"type":"place_order","account":4,"instrument":"BTC-USDT","side":"buy","order_type":"limit","price":"30000","quantity":"1"}
        {"type":"set_instrument_status","instrument":"SOL-USDT","status":"cancel_only"}
        {"type":"request_withdrawal","account":4,"asset":"USDT","amount":"100","withdrawal_id":1}
        {"type":"complete_withdrawal","withdrawal_id":1}
        {"type":"request_withdrawal","account":4,"asset":"USDT","amount":"100","withdrawal_id":2}
        {"type":"fail_withdrawal","withdrawal_id":2}
        {"type":"set_circuit_breaker","instrument":"ETH-USDT","limit_bps":500,"window_ns":60000000000}
        {"type":"set_market_maker_protection","account":3,"window_ns":1000000000,"max_fills":1}
        {"type":"quote","account":3,"instrument":"ETH-USDT","bid_price":"1999","bid_quantity":"0.5","ask_price":"2001","ask_quantity":"0.5","client_order_id":"q1"}
        {"type":"place_order","account":2,"instrument":"ETH-USDT","side":"buy","order_type":"market","trigger":"stop","stop_price":"2001","quantity":"0.1","client_order_id":"stop1"}
        {"type":"place_order","account":1,"instrument":"ETH-USDT","side":"buy","order_type":"limit","price":"2001","quantity":"0.2"}
        {"type":"reset_market_maker_protection","account":3}
        {"type":"place_order","account":1,"instrument":"ETH-USDT","side":"sell","order_type":"limit","price":"2100","quantity":"1","display_quantity":"0.1"}
        {"type":"place_order","account":2,"instrument":"ETH-USDT","side":"sell","order_type":"limit","price":"2200","quantity":"0.1","client_order_id":"tp"}
        {"type":"place_order","account":2,"instrument":"ETH-USDT","side":"sell","order_type":"market","trigger":"stop","stop_price":"1900","quantity":"0.1","contingency":"one_cancels_other","linked_client_order_id":"tp"}
        {"type":"query_state_hash"}
        """;
}
