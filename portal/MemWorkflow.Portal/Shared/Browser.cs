using Microsoft.JSInterop;

namespace MemWorkflow.Portal.Shared;

/// <summary>The portal's JavaScript module (wwwroot/js/portal.js), imported once.</summary>
public sealed class Browser(IJSRuntime js)
{
    private IJSObjectReference? module;

    private async ValueTask<IJSObjectReference> ModuleAsync() =>
        module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/portal.js");

    /// <param name="tab">This tab's sessionStorage (gone with the tab) rather than localStorage (kept between visits).</param>
    public async ValueTask<string?> GetItemAsync(string key, bool tab = false) => await (await ModuleAsync()).InvokeAsync<string?>("getItem", key, tab);

    public async ValueTask SetItemAsync(string key, string value, bool tab = false) => await (await ModuleAsync()).InvokeVoidAsync("setItem", key, value, tab);

    public async ValueTask RemoveItemAsync(string key, bool tab = false) => await (await ModuleAsync()).InvokeVoidAsync("removeItem", key, tab);

    public async ValueTask<string[]> BrowserLanguagesAsync() => await (await ModuleAsync()).InvokeAsync<string[]>("browserLanguages");

    public async ValueTask SetLanguageAsync(string lang) => await (await ModuleAsync()).InvokeVoidAsync("setLanguage", lang);

    /// <summary>The browser's own yes/no question (window.confirm).</summary>
    public ValueTask<bool> ConfirmAsync(string question) => js.InvokeAsync<bool>("confirm", question);

    public async ValueTask PrintAsync() => await (await ModuleAsync()).InvokeVoidAsync("print");

    public async ValueTask FocusAsync(string selector) => await (await ModuleAsync()).InvokeVoidAsync("focus", selector);

    public async ValueTask ScrollToAsync(string id) => await (await ModuleAsync()).InvokeVoidAsync("scrollToId", id);

    public async ValueTask<ChosenFile?> FileOfAsync(Microsoft.AspNetCore.Components.ElementReference input) =>
        await (await ModuleAsync()).InvokeAsync<ChosenFile?>("fileOf", input);

    public async ValueTask<UploadOutcome> UploadAsync<T>(Microsoft.AspNetCore.Components.ElementReference input, string url, string contentType, DotNetObjectReference<T> progress)
        where T : class =>
        await (await ModuleAsync()).InvokeAsync<UploadOutcome>("upload", TimeSpan.FromHours(2), input, url, contentType, progress);

    public async ValueTask<int> DownloadAsync(string url, string token, string fileName) =>
        await (await ModuleAsync()).InvokeAsync<int>("download", url, token, fileName);
}

public sealed record ChosenFile(string Name, string Type, long Size);

public sealed record UploadOutcome(int Status, string? Error);
