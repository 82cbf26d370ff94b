using System.Text.Json;
using MemWorkflow.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemWorkflow.Functions.Http;

/// <summary>The one place a refusal becomes an HTTP answer: each kind of refusal has one status and one title
/// (which a refusal may name more exactly); services and the core never choose status codes.</summary>
public static class Problems
{
    public static (int Status, string Title) StatusOf(RejectionKind kind) => kind switch
    {
        RejectionKind.Invalid => (StatusCodes.Status400BadRequest, "Not valid for this evaluation"),
        RejectionKind.Unauthenticated => (StatusCodes.Status401Unauthorized, "Authentication required"),
        RejectionKind.Forbidden => (StatusCodes.Status403Forbidden, "Not allowed"),
        RejectionKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
        RejectionKind.Conflict => (StatusCodes.Status409Conflict, "Not possible now"),
        RejectionKind.NotYet => (StatusCodes.Status409Conflict, "Not yet"),
        RejectionKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "Changed by someone else"),
        RejectionKind.TooLarge => (StatusCodes.Status413PayloadTooLarge, "Too large"),
        RejectionKind.UnsupportedType => (StatusCodes.Status415UnsupportedMediaType, "Type not accepted"),
        RejectionKind.KeyReused => (StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused"),
        RejectionKind.Unsatisfiable => (StatusCodes.Status422UnprocessableEntity, "Cannot be satisfied"),
        RejectionKind.TooManyRequests => (StatusCodes.Status429TooManyRequests, "Too many requests"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A refusal kind without a status."),
    };

    public static ProblemHttpResult For(Rejection rejection, IDictionary<string, object?>? extensions = null)
    {
        var (status, title) = StatusOf(rejection.Kind);
        if (rejection.Errors is not null)
        {
            extensions ??= new Dictionary<string, object?>();
            extensions["errors"] = rejection.Errors;
        }
        return TypedResults.Problem(rejection.Detail, statusCode: status, title: rejection.Title ?? title, extensions: extensions);
    }

    public static ProblemHttpResult Refuse(RejectionKind kind, string detail, string? title = null, IDictionary<string, object?>? extensions = null) =>
        For(new Rejection(kind, detail, Title: title), extensions);

    public static ProblemHttpResult NotFound(string detail) => Refuse(RejectionKind.NotFound, detail);

    public static ProblemHttpResult Conflict(string detail) => Refuse(RejectionKind.Conflict, detail);

    public static ProblemHttpResult Forbidden(string detail) => Refuse(RejectionKind.Forbidden, detail);

    public static ValidationProblem Invalid(string field, string message, string title = "The request is not valid") =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: title);
}

/// <summary>Turns what a client sent wrong (malformed JSON, wrong types, a body too large) into a
/// 4xx problem that names it; anything else is logged and answered as a plain 500 problem.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, "Request too large", "The request body is larger than this endpoint accepts."),
            BadHttpRequestException { InnerException: JsonException json } => (400, "Malformed JSON", Describe(json)),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            JsonException json => (400, "Malformed JSON", Describe(json)),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "Client closed request", "The request was cancelled."),
            _ => (500, "Unexpected error", "Something went wrong on our side; nothing you sent caused it. The MEM Unit has the details in the logs."),
        };
        if (status >= 500)
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static string Describe(JsonException json)
    {
        var where = string.IsNullOrEmpty(json.Path) ? "" : $" at {json.Path}";
        var line = json.LineNumber is { } l ? $" (line {l + 1}, position {json.BytePositionInLine + 1})" : "";
        var message = json.Message.Split(" Path:", 2)[0];
        return $"The request body is not valid JSON for this endpoint{where}{line}: {message}";
    }
}
