using System.Security.Cryptography;
using System.Text;
using Matcher.Protocol;

namespace Matcher.Gateways.WebSocket;

/// <summary>
/// Checks Logins: an HMAC-SHA256 signature by the key's secret over the API key, timestamp
/// and nonce; a timestamp within the allowed clock skew; a nonce not used before with this
/// key inside that window (so a captured Login cannot be replayed).
/// </summary>
/// <remarks>
/// Thread-safe (logins arrive on many connections' threads). The signature is checked
/// first, in constant time, and an unknown key costs the same HMAC as a known one, so
/// neither timing nor the reject code tells which keys exist.
/// </remarks>
internal sealed class Authenticator
{
    private static readonly byte[] _unknownKeySecret = new byte[32];

    private readonly Dictionary<string, (byte[] Secret, long AccountId)> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, ulong Nonce), long> _nonces = [];
    private readonly Lock _lock = new();
    private readonly long _skewNs;
    private long _nextPurgeNs;

    public Authenticator(IEnumerable<ApiKey> keys, TimeSpan maxClockSkew)
    {
        foreach (var key in keys)
        {
            _keys[key.Key] = (Encoding.UTF8.GetBytes(key.Secret), key.AccountId);
        }

        _skewNs = (long)maxClockSkew.TotalMilliseconds * 1_000_000;
    }

    /// <summary>Checks <paramref name="frame"/> (a whole Login) at <paramref name="nowNs"/>; the account on success.</summary>
    public RejectCode Check(ReadOnlySpan<byte> frame, in Login login, long nowNs, out long accountId)
    {
        accountId = 0;
        var apiKey = login.ApiKey;
        var keyBytes = apiKey.AsSpan();
        var known = AsciiField.IsValid(keyBytes) & _keys.TryGetValue(AsciiField.Read(keyBytes), out var entry);
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(known ? entry.Secret : _unknownKeySecret, frame.Slice(Login.SignedOffset, Login.SignedLength), expected);
        var signature = login.Signature;
        if (!CryptographicOperations.FixedTimeEquals(expected, signature.AsSpan()) || !known)
        {
            return RejectCode.AuthenticationFailed;
        }

        if (login.TimestampNs < nowNs - _skewNs || login.TimestampNs > nowNs + _skewNs)
        {
            return RejectCode.StaleTimestamp;
        }

        lock (_lock)
        {
            Purge(nowNs);
            if (!_nonces.TryAdd((AsciiField.Read(keyBytes), login.Nonce), login.TimestampNs))
            {
                return RejectCode.NonceReused;
            }
        }

        accountId = entry.AccountId;
        return RejectCode.None;
    }

    /// <summary>Nonces whose Login timestamp has left the window can go: such a Login would be stale anyway.</summary>
    private void Purge(long nowNs)
    {
        if (nowNs < _nextPurgeNs)
        {
            return;
        }

        _nextPurgeNs = nowNs + _skewNs;
        var oldest = nowNs - _skewNs;
        List<(string, ulong)>? expired = null;
        foreach (var (nonce, timestamp) in _nonces)
        {
            if (timestamp < oldest)
            {
                (expired ??= []).Add(nonce);
            }
        }

        foreach (var nonce in expired ?? [])
        {
            _nonces.Remove(nonce);
        }
    }
}
