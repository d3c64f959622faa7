using Azure.Data.Tables;
using Klaxon.Http;
using Klaxon.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Health;

/// <summary><c>GET /api/health</c>: 200 when storage answers, 503 otherwise. Anonymous, for load balancers and probes.</summary>
public sealed class HealthFunction(TableServiceClient tables)
{
    [Function("Health")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await tables.GetTableClient(StorageNames.AccountsTable)
                .GetEntityIfExistsAsync<TableEntity>("health", "probe", select: ["RowKey"], cancellationToken: timeout.Token).ConfigureAwait(false);
            return JsonResponses.Json(200, new { status = "ok" });
        }
        catch (Exception failure) when (failure is Azure.RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            return JsonResponses.Json(503, new { status = "unavailable", reason = "storage did not answer" });
        }
    }
}
