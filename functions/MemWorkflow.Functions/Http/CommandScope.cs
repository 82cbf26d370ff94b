using System.Security.Cryptography;
using System.Text;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Http;

/// <summary>The command an HTTP request carries, so that it takes effect once even when its response is
/// lost: its id comes from the client's <c>Idempotency-Key</c> (hashed with the caller's id, so two callers'
/// keys never meet) or is new. <see cref="EventStore"/> records it on every event row of the command's
/// transaction and in a marker row per stream (<c>cmd|{stream}|{id}</c>), and answers a command whose id is
/// already recorded with what it committed instead of deciding it again: after the Azure SDK retried a
/// transaction whose response was lost, or when the client repeats the request with the same key.
/// The fingerprint (method, path and JSON body) tells a repeat from a different request under a reused key.</summary>
public sealed class CommandScope
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    private static readonly AsyncLocal<CommandScope?> Ambient = new();
    private readonly Dictionary<string, int> uses = new(StringComparer.Ordinal);

    private CommandScope(string id, string? fingerprint, bool fromClient) => (Id, Fingerprint, FromClient) = (id, fingerprint, fromClient);

    public string Id { get; }

    public string? Fingerprint { get; }

    /// <summary>Whether the id came from the client's key: only then can it be recorded before this request.</summary>
    public bool FromClient { get; }

    public static CommandScope? Current => Ambient.Value;

    /// <summary>The id of this request's next decision on <paramref name="streamId"/>: a handler that decides
    /// twice on one stream records two commands, in the same order on every repeat.</summary>
    public string IdFor(string streamId)
    {
        lock (uses)
        {
            var n = uses[streamId] = uses.GetValueOrDefault(streamId) + 1;
            return n == 1 ? Id : $"{Id}-{n}";
        }
    }

    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && !key.Any(char.IsControl);

    /// <summary>Opens the scope of one request; <paramref name="key"/> must be valid when given.</summary>
    public static Scope Begin(string callerId, string? key, string? fingerprint)
    {
        var id = key is null
            ? Guid.NewGuid().ToString("N")
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{callerId}\n{key}")))[..32];
        return new Scope(new CommandScope(id, key is null ? null : fingerprint, key is not null));
    }

    /// <summary>What identifies a request's meaning: its method, path and query, and its body when it is JSON.</summary>
    public static async Task<string> FingerprintAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        // The body is read within the request's limit (1 MB unless a handler lifts it, as uploads do,
        // whose bytes are not JSON and are written once anyway).
        if (request.HasJsonContentType())
        {
            request.EnableBuffering();
            var buffer = new byte[81_920];
            for (int read; (read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0;)
                hash.AppendData(buffer, 0, read);
            request.Body.Position = 0;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public sealed class Scope : IDisposable
    {
        private readonly CommandScope? previous = Ambient.Value;

        internal Scope(CommandScope command)
        {
            Command = command;
            Ambient.Value = command;
        }

        public CommandScope Command { get; }

        public void Dispose() => Ambient.Value = previous;
    }
}
