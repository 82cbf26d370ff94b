using MemWorkflow.Portal.Localization;
using Microsoft.AspNetCore.Components;

namespace MemWorkflow.Portal.Shared;

/// <summary>Every component speaks through <see cref="T"/>; the layout cascades the language, so a
/// change of language re-renders what is on screen without reloading it.</summary>
public abstract class MemComponent : ComponentBase
{
    [Inject]
    protected Text T { get; set; } = default!;

    [CascadingParameter(Name = "Language")]
    protected string? Language { get; set; }
}
