using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.DevHost;

/// <summary>
/// Maps every HTTP-triggered function to Kestrel with the route, methods and authorization level from its attribute,
/// under host.json's route prefix. Function and admin levels require the admin key in <c>x-functions-key</c> (or the
/// <c>code</c> query parameter), as the Functions host accepts it.
/// </summary>
public static class HttpFunctionRoutes
{
    public static void Map(IEndpointRouteBuilder endpoints, FunctionCatalog catalog, HostJsonSettings host, string adminKey)
    {
        var expectedKey = Encoding.UTF8.GetBytes(adminKey);
        foreach (var (function, trigger) in catalog.Http)
        {
            var prefix = string.IsNullOrEmpty(host.RoutePrefix) ? "" : "/" + host.RoutePrefix.Trim('/');
            var route = $"{prefix}/{(trigger.Route ?? function.Name).TrimStart('/')}";
            var methods = trigger.Methods is { Length: > 0 } listed ? listed.Select(m => m.ToUpperInvariant()).ToArray() : ["GET", "POST"];
            endpoints.MapMethods(route, methods, async context =>
            {
                if (trigger.AuthLevel != AuthorizationLevel.Anonymous && !HasKey(context.Request, expectedKey))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }
                var result = await function.InvokeAsync(context.RequestServices, parameter => Bind(parameter, context),
                    context.Request.Headers.TraceParent.FirstOrDefault(), context.Request.Headers.TraceState.FirstOrDefault()).ConfigureAwait(false);
                switch (result)
                {
                    case IActionResult action:
                        await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
                        break;
                    case null:
                        context.Response.StatusCode = StatusCodes.Status204NoContent;
                        break;
                    default:
                        throw new NotSupportedException($"DevHost does not handle {result.GetType().Name} results from {function.Name}.");
                }
            }).WithDisplayName(function.Name);
        }
    }

    private static object? Bind(System.Reflection.ParameterInfo parameter, HttpContext context)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return context.Request;
        }
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context.RequestAborted;
        }
        if (parameter.ParameterType == typeof(string) && context.GetRouteValue(parameter.Name!) is { } value)
        {
            return Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        if (parameter.ParameterType == typeof(string) && new System.Reflection.NullabilityInfoContext().Create(parameter).ReadState == System.Reflection.NullabilityState.Nullable)
        {
            // An optional route value that is absent (a catch-all matching nothing): null, as the Functions host binds it.
            return null;
        }
        throw new NotSupportedException($"DevHost cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}.");
    }

    /// <summary>True when the request's <c>Authorization: Bearer</c> credential is <paramref name="expected"/>.</summary>
    internal static bool HasBearer(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), expected);
    }

    internal static bool HasKey(HttpRequest request, byte[] expected)
    {
        var presented = request.Headers["x-functions-key"].ToString();
        if (presented.Length == 0)
        {
            presented = request.Query["code"].ToString();
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);
    }
}
