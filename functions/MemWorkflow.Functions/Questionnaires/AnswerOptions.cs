using System.ComponentModel.DataAnnotations;

namespace MemWorkflow.Functions.Questionnaires;

public sealed class AnswerOptions
{
    public const string Section = "Mem:Answers";

    [Range(1, 1_000_000)]
    public int MaxTextChars { get; set; } = 100_000;

    /// <summary>Narratives longer than this go to a blob, keeping answer rows far from Azure's entity limits.</summary>
    [Range(1, 30_000)]
    public int InlineTextChars { get; set; } = 8_000;
}
