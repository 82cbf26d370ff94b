using System.Net;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace MemWorkflow.Functions.Notifications;

/// <summary>Delivers through SendGrid's v3 API with the official client. The client itself never
/// retries here (its reliability settings are off): the outbox dispatcher owns retries, backoff and
/// Retry-After. Categories and custom args let SendGrid's delivery events be traced to the outbox.</summary>
public sealed class SendGridSender(ISendGridClient client, IOptions<EmailOptions> options, ILogger<SendGridSender> logger) : IEmailSender
{
    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        // Never send an unresolved Key Vault reference as the key: the message waits and is retried
        // (and /api/health says why) until the setting resolves.
        if (string.IsNullOrWhiteSpace(options.Value.SendGridApiKey) || ConfigurationHealth.IsUnresolvedReference(options.Value.SendGridApiKey))
            return new SendResult(false, null, "The SendGrid API key is not configured (missing, or a Key Vault reference that did not resolve).");
        var message = MailHelper.CreateSingleEmail(
            new EmailAddress(options.Value.From, options.Value.FromName),
            new EmailAddress(email.ToEmail, email.ToName),
            email.Subject,
            email.Text,
            email.Html ?? $"<pre style=\"font-family:inherit;white-space:pre-wrap\">{WebUtility.HtmlEncode(email.Text)}</pre>");
        message.AddCategories(["mem", email.Kind]);
        // SendGrid would otherwise rewrite every link through its own redirect: a sign-in link's code would pass
        // through (and be logged by) a third party, and a mail scanner following the redirect would meet it first.
        message.SetClickTracking(false, false);
        message.AddCustomArgs(new Dictionary<string, string>
        {
            ["roundId"] = email.RoundId,
            ["memberState"] = email.MemberState,
            ["kind"] = email.Kind,
            ["outboxId"] = email.OutboxId,
        });

        Response response;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            response = await client.SendEmailAsync(message, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(false, null, $"SendGrid did not answer within {options.Value.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            return new SendResult(false, null, $"SendGrid could not be reached: {e.Message}");
        }

        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
            return SendResult.Sent(response.Headers?.TryGetValues("X-Message-Id", out var ids) == true ? ids.FirstOrDefault() : null);
        var body = response.Body is null ? "" : await response.Body.ReadAsStringAsync(cancellationToken);
        var error = $"SendGrid answered {status}: {(body.Length > 1000 ? body[..1000] : body)}";
        logger.LogWarning("SendGrid refused {OutboxId}: {Status}", email.OutboxId, status);
        return status switch
        {
            429 => new SendResult(false, null, error, RetryAfter: RetryAfter(response)),
            >= 500 => new SendResult(false, null, error),
            // 401 (a rotated or revoked key) and 403 (a key without the mail.send scope, a sender not
            // verified) say nothing about this message: every message gets the same answer until someone
            // fixes the account, so they are a provider fault, retried and alerted on like a 5xx. Failing
            // them for good would lose every email written while the key was wrong.
            401 or 403 => new SendResult(false, null, error),
            // Any other 4xx (400, 413) refuses this message's content: sending it again cannot help.
            _ => new SendResult(false, null, error, Permanent: true),
        };
    }

    private static TimeSpan? RetryAfter(Response response)
    {
        var header = response.Headers?.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
            return date - DateTimeOffset.UtcNow;
        return null;
    }
}
