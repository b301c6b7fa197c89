using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessInventory.LocalRunner.Hosting;

/// <summary>
/// Calls a function method the way the worker does: an instance from DI, each parameter bound by its type (the
/// trigger's payload, settlement actions), by name (route values), or the invocation's cancellation token.
/// </summary>
public static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(
        IServiceProvider services,
        FunctionEntry function,
        IReadOnlyDictionary<Type, object> byType,
        IReadOnlyDictionary<string, string?>? byName,
        CancellationToken cancellationToken)
    {
        var instance = services.GetRequiredService(function.Class);
        var arguments = function.Method.GetParameters().Select(p => Bind(function, p, byType, byName, cancellationToken)).ToArray();
        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException thrown) when (thrown.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown.InnerException);
            throw;
        }
        if (returned is not Task task)
        {
            return returned;
        }
        await task.ConfigureAwait(false);
        return function.Method.ReturnType.IsGenericType
            ? function.Method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
            : null;
    }

    private static object? Bind(FunctionEntry function, ParameterInfo parameter, IReadOnlyDictionary<Type, object> byType, IReadOnlyDictionary<string, string?>? byName, CancellationToken cancellationToken)
    {
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }
        if (byType.TryGetValue(parameter.ParameterType, out var value))
        {
            return value;
        }
        if (parameter.ParameterType == typeof(string) && byName is not null && byName.TryGetValue(parameter.Name!, out var named))
        {
            return named;
        }
        throw new InvalidOperationException($"{function.Name}: the local runner cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}");
    }
}
