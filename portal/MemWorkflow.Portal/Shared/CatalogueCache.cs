using MemWorkflow.Portal.Api;

namespace MemWorkflow.Portal.Shared;

/// <summary>The Plan of Action's catalogue, read once: it does not change while the portal is open.</summary>
public sealed class CatalogueCache(MemApi api)
{
    private Task<ApiResult<CatalogueView>>? loading;

    public async Task<ApiResult<CatalogueView>> GetAsync()
    {
        var result = await (loading ??= api.GetCatalogueAsync());
        if (!result.Ok)
            loading = null;
        return result;
    }
}
