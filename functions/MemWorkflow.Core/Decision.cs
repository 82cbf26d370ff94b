namespace MemWorkflow.Core;

/// <summary>What a decider answers: the events a command causes (none when it was already done), or
/// why it is refused. Refusals are values, not exceptions.</summary>
public abstract record Decision<TEvent>
{
    private Decision() { }

    public sealed record Accepted(IReadOnlyList<TEvent> Events) : Decision<TEvent>;

    public sealed record Rejected(Rejection Rejection) : Decision<TEvent>;

    public static Decision<TEvent> Of(params TEvent[] events) => new Accepted(events);

    public static Decision<TEvent> Nothing { get; } = new Accepted([]);

    public static Decision<TEvent> Refuse(RejectionKind kind, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new Rejected(new Rejection(kind, detail, errors));

    public static implicit operator Decision<TEvent>(Rejection rejection) => new Rejected(rejection);
}

public enum RejectionKind
{
    /// <summary>The input contradicts the evaluation's own data (400).</summary>
    Invalid,
    /// <summary>The evaluation or round does not exist (404).</summary>
    NotFound,
    /// <summary>The workflow is not in a stage that allows this, or a concurrent change won (409).</summary>
    Conflict,
    /// <summary>The caller edited a version that is no longer the current one (412).</summary>
    PreconditionFailed,
    /// <summary>The value is larger than the evaluation may store (413).</summary>
    TooLarge,
    /// <summary>The actor may not do this to the evaluation as it stands now (403), e.g. an expert replaced meanwhile.</summary>
    Forbidden,
    /// <summary>The request repeats an Idempotency-Key already used for a different request (422).</summary>
    KeyReused,
    /// <summary>The stage that allows this has not come yet (409), e.g. reading a questionnaire not submitted yet.</summary>
    NotYet,
    /// <summary>The file is of a kind the evaluation does not accept (415).</summary>
    UnsupportedType,
    /// <summary>Well formed, but no outcome satisfies the rules (422), e.g. no feasible assignment.</summary>
    Unsatisfiable,
    /// <summary>The caller asked more often than allowed (429).</summary>
    TooManyRequests,
    /// <summary>The caller is not signed in, or their credentials are not valid (401).</summary>
    Unauthenticated,
}

/// <summary>Why a command is refused; <see cref="Errors"/> names each field or item at fault. <see cref="Title"/>
/// names this refusal where the kind's own title says too little ("Already uploaded" rather than "Not possible now").</summary>
public sealed record Rejection(RejectionKind Kind, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null, string? Title = null);

/// <summary>Who a command comes from, as the history shows it.</summary>
public sealed record Actor(string Id, string Name)
{
    public static Actor System { get; } = new("system", "MemWorkflow");
}

/// <summary>A person an email goes to, resolved by the shell when the command is built and kept in the
/// event, so the history says who was told.</summary>
public sealed record Recipient(string ParticipantId, string Name, string Email, string Language);
