namespace MemWorkflow.Portal.Api;

public sealed partial class MemApi
{
    public Task<ApiResult<SignInAccepted>> RequestSignInLinkAsync(string email, string? returnTo) =>
        SendAsync(HttpMethod.Post, "api/sign-in", new SignInRequest(email, returnTo), Json.SignInRequest, Json.SignInAccepted);

    public Task<ApiResult<SignInLinkPreview>> PreviewSignInCodeAsync(string code) =>
        SendAsync(HttpMethod.Post, "api/sign-in/preview", Json.SignInLinkPreview, r => r.Content = System.Net.Http.Json.JsonContent.Create(new SessionRequest(code), Json.SessionRequest), signInOn401: false);

    /// <summary>An access token exchanged for a session; a 400 here only means the token is not valid (no redirect).</summary>
    public Task<ApiResult<SessionView>> ExchangeAccessTokenAsync(string accessToken) =>
        SendAsync(HttpMethod.Post, "api/sessions", Json.SessionView, r => r.Content = System.Net.Http.Json.JsonContent.Create(new SessionRequest(null, accessToken), Json.SessionRequest), signInOn401: false);

    public Task<ApiResult<SessionView>> RedeemSignInCodeAsync(string code) =>
        SendAsync(HttpMethod.Post, "api/sessions", Json.SessionView, r => r.Content = System.Net.Http.Json.JsonContent.Create(new SessionRequest(code), Json.SessionRequest), signInOn401: false);

    /// <summary>Who a token belongs to; a 401 here only means the token is not valid (no redirect).</summary>
    public Task<ApiResult<MeView>> GetMeAsync(string token) =>
        SendAsync(HttpMethod.Get, "api/me", Json.MeView, r => Authorize(r, token), signInOn401: false);

    public Task<ApiResult<Nothing>> SignOutAsync() =>
        SendAsync(HttpMethod.Delete, "api/sessions/current", Json.Nothing, signInOn401: false);

    public Task<ApiResult<Nothing>> SignOutEverywhereAsync() =>
        SendAsync(HttpMethod.Delete, "api/sessions", Json.Nothing, signInOn401: false);

    public Task<ApiResult<CatalogueView>> GetCatalogueAsync() => GetAsync("api/catalogue", Json.CatalogueView);

    public Task<ApiResult<List<PublishedReportView>>> GetReportsAsync() => GetAllAsync("api/reports", Json.ListPublishedReportView);

    /// <summary>The published report as HTML, to show inside the portal's page.</summary>
    public async Task<ApiResult<string>> GetReportHtmlAsync(string roundId, string ms)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/reports/{E(roundId)}/{E(ms)}");
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode ? new(body, null, 200) : new(null, Problem.Read(body, (int)response.StatusCode), (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            return new(null, Problem.Of(0, "network", e.Message), 0);
        }
    }
}
