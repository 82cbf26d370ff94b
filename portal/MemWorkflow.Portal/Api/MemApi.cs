using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using MemWorkflow.Portal.Sessions;
using Microsoft.AspNetCore.Components;

namespace MemWorkflow.Portal.Api;

/// <summary>The typed client of the MEM API (same origin, under api/). One HttpClient for the app.
/// A 401 means the session is over: it is dropped and the user is sent to sign in again, back to
/// where they were.</summary>
public sealed partial class MemApi(HttpClient http, Session session, NavigationManager navigation)
{
    private static MemJsonContext Json => MemJsonContext.Default;

    private Task<ApiResult<T>> GetAsync<T>(string path, JsonTypeInfo<T> type) => SendAsync(HttpMethod.Get, path, type);

    /// <summary>Every page of a paged list, following the API's <c>Link rel="next"</c> headers.</summary>
    private async Task<ApiResult<List<T>>> GetAllAsync<T>(string path, JsonTypeInfo<List<T>> type)
    {
        var all = new List<T>();
        for (var page = 0; ; page++)
        {
            var result = await GetAsync(path, type);
            if (!result.Ok || result.Value is null)
                return result;
            all.AddRange(result.Value);
            if (result.Next is null || page >= 100)
                return result with { Value = all, Next = null };
            path = result.Next.TrimStart('/');
        }
    }

    private static string? NextPage(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links)
            ? links.SelectMany(l => l.Split(',')).Select(l => l.Trim())
                .Where(l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal) && l.StartsWith('<') && l.IndexOf('>') > 0)
                .Select(l => l[1..l.IndexOf('>')]).FirstOrDefault()
            : null;

    private async Task<ApiResult<TResult>> SendAsync<TResult, TBody>(
        HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<TResult> resultType,
        int? ifMatch = null, Action<HttpRequestMessage>? configure = null)
    {
        return await SendAsync(method, path, resultType, request =>
        {
            request.Content = JsonContent.Create(body, bodyType);
            if (ifMatch is { } version)
                request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
            configure?.Invoke(request);
        });
    }

    private async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string path, JsonTypeInfo<T> type, Action<HttpRequestMessage>? configure = null, bool signInOn401 = true)
    {
        if (signInOn401 && session.IsExpired)
            return SessionOver<T>();
        using var request = new HttpRequestMessage(method, path);
        if (session.AccessToken is { } token)
            Authorize(request, token);
        configure?.Invoke(request);
        try
        {
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            var etag = response.Headers.ETag?.Tag;
            if (response.StatusCode == HttpStatusCode.Unauthorized && signInOn401)
                return SessionOver<T>();
            if (!response.IsSuccessStatusCode)
                return new(default, Problem.Read(await response.Content.ReadAsStringAsync(), status), status, etag);
            if (typeof(T) == typeof(Nothing) || response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
                return new(default, null, status, etag);
            return new(await response.Content.ReadFromJsonAsync(type), null, status, etag) { Next = NextPage(response) };
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
        {
            return new(default, Problem.Of(0, "network", e.Message), 0);
        }
    }

    private ApiResult<T> SessionOver<T>()
    {
        session.Forget();
        var here = "/" + navigation.ToBaseRelativePath(navigation.Uri);
        if (!here.StartsWith("/sign-in", StringComparison.Ordinal))
            navigation.NavigateTo($"sign-in?returnTo={Uri.EscapeDataString(here)}");
        return new(default, Problem.Of(401, "signedOut"), 401);
    }

    private static string E(string segment) => Uri.EscapeDataString(segment);

    /// <summary>The header the portal sends its token in. Azure Static Web Apps sets <c>Authorization</c> itself
    /// on requests it proxies to the API, so the portal never relies on that header.</summary>
    public const string AuthorizationHeader = "X-MEM-Authorization";

    internal static void Authorize(HttpRequestMessage request, string token)
    {
        request.Headers.Remove(AuthorizationHeader);
        request.Headers.TryAddWithoutValidation(AuthorizationHeader, "Bearer " + token);
    }
}
