using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.DevHost;

/// <summary>The functions of an assembly, found the way the Functions SDK finds them: methods marked <c>[Function]</c>.</summary>
public sealed record FunctionCatalog(IReadOnlyList<FunctionEntry> Functions)
{
    public static FunctionCatalog From(Assembly assembly) => new([.. assembly.GetTypes()
        .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        .Select(method => (method, attribute: method.GetCustomAttribute<FunctionAttribute>()))
        .Where(found => found.attribute is not null)
        .Select(found => new FunctionEntry(found.attribute!.Name, found.method, Trigger(found.method)))]);

    public IEnumerable<(FunctionEntry Function, HttpTriggerAttribute Trigger)> Http =>
        Functions.Where(f => f.Trigger is HttpTriggerAttribute).Select(f => (f, (HttpTriggerAttribute)f.Trigger));

    public IEnumerable<(FunctionEntry Function, QueueTriggerAttribute Trigger)> Queues =>
        Functions.Where(f => f.Trigger is QueueTriggerAttribute).Select(f => (f, (QueueTriggerAttribute)f.Trigger));

    public IEnumerable<(FunctionEntry Function, TimerTriggerAttribute Trigger)> Timers =>
        Functions.Where(f => f.Trigger is TimerTriggerAttribute).Select(f => (f, (TimerTriggerAttribute)f.Trigger));

    private static Attribute Trigger(MethodInfo method) =>
        method.GetParameters()
            .SelectMany(parameter => parameter.GetCustomAttributes())
            .FirstOrDefault(attribute => attribute is HttpTriggerAttribute or QueueTriggerAttribute or TimerTriggerAttribute)
        ?? throw new NotSupportedException($"DevHost cannot drive {method.DeclaringType?.Name}.{method.Name}: no HTTP, queue or timer trigger.");
}

/// <summary>One function: its name, the method that implements it, and its trigger attribute.</summary>
public sealed record FunctionEntry(string Name, MethodInfo Method, Attribute Trigger)
{
    /// <summary>
    /// Calls the function as the worker would: a new instance of its class from DI per invocation; parameters bound by
    /// type (the trigger value, <see cref="CancellationToken"/>) or by name (route values).
    /// </summary>
    /// <param name="traceParent">For HTTP: the request's <c>traceparent</c> header, which the invocation's span continues.</param>
    public async Task<object?> InvokeAsync(IServiceProvider services, Func<ParameterInfo, object?> bind, string? traceParent = null, string? traceState = null)
    {
        using var invocation = InvocationTelemetry.Start(this, traceParent, traceState);
        var instance = Method.IsStatic ? null : Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance(services, Method.DeclaringType!);
        var arguments = Method.GetParameters().Select(bind).ToArray();
        object? result;
        try
        {
            result = Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(wrapped.InnerException).Throw();
            throw;
        }
        switch (result)
        {
            case Task task:
                await task.ConfigureAwait(false);
                return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
            default:
                return result;
        }
    }
}
