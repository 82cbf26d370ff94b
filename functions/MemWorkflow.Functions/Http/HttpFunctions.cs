using System.Security.Claims;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Participants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Http;

/// <summary>What every HTTP function does around its handler, in the Functions host and the local host
/// alike: a 1 MB body limit unless the handler lifts it, the caller's token and role, the handler, and
/// problem details for whatever goes wrong (a malformed body is the client's 400, never a 500).</summary>
public sealed class HttpFunctions(
    HttpFunctionCatalogue catalogue, ProblemExceptionHandler exceptions, IProblemDetailsService problems, AnonymousRateLimit anonymous,
    ParticipantRateLimit participants, ILogger<HttpFunctions> logger)
{
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Runs the function's handler. A function that rings doorbells passes the Durable client
    /// it was given, for its handler's <see cref="Rounds.Doorbell"/>.</summary>
    public async Task<IResult> RunAsync(HttpRequest request, DurableTaskClient? durable = null)
    {
        var context = request.HttpContext;
        if (durable is not null)
            context.Features.Set(durable);
        var function = catalogue.Find(context.GetEndpoint()?.DisplayName)
            ?? throw new InvalidOperationException($"No HTTP function answers {request.Method} {request.Path}.");
        try
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = DefaultMaxBodyBytes;
            // The scope begins here, not in an async helper: an AsyncLocal set there would not flow back.
            if (await AdmitAsync(context, function.Access) && await ReadCommandAsync(context) is { } command)
                using (CommandScope.Begin(command.CallerId, command.Key, command.Fingerprint))
                    await function.Handle(context);
            if (context.Response is { HasStarted: false, StatusCode: >= 400, ContentType: null })
                await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context });
        }
        catch (Exception exception) when (!context.Response.HasStarted && IsStorageUnavailable(exception))
        {
            // Storage (or another service the request needs) did not answer: the client did nothing wrong
            // and should simply try again, which a 503 with Retry-After says; a 500 would not.
            logger.LogWarning(exception, "{Method} {Path}: storage unavailable, answered 503", request.Method, request.Path);
            context.Response.Clear();
            await TooBusyAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable", TimeSpan.FromSeconds(5),
                "The app's storage did not answer. Try again in a few seconds; a command repeated with the same If-Match or Idempotency-Key is never recorded twice.");
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await exceptions.TryHandleAsync(context, exception, context.RequestAborted);
        }
        return Results.Empty;
    }

    private async Task<bool> AdmitAsync(HttpContext context, Access access)
    {
        if (access == Access.Anyone)
        {
            if (anonymous.Admit(context) is not { } wait)
                return true;
            await TooBusyAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", wait,
                $"This address made too many requests to the public pages; try again in {Math.Ceiling(wait.TotalSeconds)} seconds.");
            return false;
        }
        var authenticated = await context.AuthenticateAsync(TokenAuthenticationHandler.SchemeName);
        if (authenticated.Failure is AuthenticationUnavailableException unavailable)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(unavailable.InnerException!);
        if (!authenticated.Succeeded)
        {
            await context.ChallengeAsync(TokenAuthenticationHandler.SchemeName);
            return false;
        }
        context.User = authenticated.Principal;
        if (participants.Admit(Caller.From(context.User).Id) is { } tooFast)
        {
            await TooBusyAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", tooFast,
                $"You made more requests in the last minute than a person can; try again in {Math.Ceiling(tooFast.TotalSeconds)} seconds.");
            return false;
        }
        if (access == Access.MemUnit && !context.User.IsInRole(nameof(Role.MemUnit)))
        {
            await context.ForbidAsync(TokenAuthenticationHandler.SchemeName);
            return false;
        }
        return true;
    }

    /// <summary>What identifies the request's command (<see cref="CommandScope"/>), or null when its
    /// Idempotency-Key is not valid (answered 400 here).</summary>
    private static async Task<(string CallerId, string? Key, string? Fingerprint)?> ReadCommandAsync(HttpContext context)
    {
        var request = context.Request;
        var key = request.Headers.TryGetValue(CommandScope.Header, out var values) ? values.ToString() : null;
        if (key is not null && !CommandScope.IsValidKey(key))
        {
            await Problems.Invalid(CommandScope.Header, $"An Idempotency-Key has 1 to {CommandScope.MaxKeyLength} printable characters.").ExecuteAsync(context);
            return null;
        }
        var changes = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
        var fingerprint = key is not null && changes ? await CommandScope.FingerprintAsync(request) : null;
        return (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", key, fingerprint);
    }

    private async Task TooBusyAsync(HttpContext context, int status, string title, TimeSpan retryAfter, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>A storage call that got no answer (the connection failed, a timeout, a 5xx from storage),
    /// as the Azure SDK reports it after its own retries.</summary>
    public static bool IsStorageUnavailable(Exception? exception) => exception switch
    {
        null => false,
        // A body that could not be read is the client's (400), though it is an IOException.
        BadHttpRequestException => false,
        Azure.RequestFailedException { Status: 0 or >= 500 } => true,
        Azure.RequestFailedException => false,
        IOException or HttpRequestException or System.Net.Sockets.SocketException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsStorageUnavailable),
        _ => IsStorageUnavailable(exception.InnerException),
    };
}
