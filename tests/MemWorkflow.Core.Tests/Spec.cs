using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemWorkflow.Core.Tests;

/// <summary>Given(events) / When(command) / Then(events) over a pure decider.</summary>
public sealed class Spec<TState, TCommand, TEvent>(
    Func<TCommand, TState?, Decision<TEvent>> decide, Func<TState?, TEvent, TState> evolve)
    where TState : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private TState? state;
    private Decision<TEvent>? decision;

    public TState? State => state;

    public Spec<TState, TCommand, TEvent> Given(params TEvent[] events)
    {
        foreach (var @event in events)
            state = evolve(state, @event);
        return this;
    }

    public Spec<TState, TCommand, TEvent> When(TCommand command)
    {
        decision = decide(command, state);
        return this;
    }

    public TState Then(params TEvent[] expected)
    {
        var accepted = Assert.IsType<Decision<TEvent>.Accepted>(decision);
        Assert.Equal(Serialize(expected), Serialize(accepted.Events));
        foreach (var @event in accepted.Events)
            state = evolve(state, @event);
        return state!;
    }

    public void ThenNothing()
    {
        var accepted = Assert.IsType<Decision<TEvent>.Accepted>(decision);
        Assert.Empty(accepted.Events);
    }

    public Rejection ThenRefused(RejectionKind kind, string detailContains)
    {
        var rejected = Assert.IsType<Decision<TEvent>.Rejected>(decision);
        Assert.Equal(kind, rejected.Rejection.Kind);
        Assert.Contains(detailContains, rejected.Rejection.Detail, StringComparison.Ordinal);
        return rejected.Rejection;
    }

    private static string Serialize(IEnumerable<TEvent> events) =>
        JsonSerializer.Serialize(events.Cast<object>().ToList(), Json);
}
