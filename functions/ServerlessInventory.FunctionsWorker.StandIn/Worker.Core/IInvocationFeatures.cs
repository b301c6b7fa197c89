// Stand-in for the real public type; public surface as in the real one.
// Real: Azure/azure-functions-dotnet-worker src/DotNetWorker.Core/Context/Features/IInvocationFeatures.cs
// (package Microsoft.Azure.Functions.Worker.Core; namespace Microsoft.Azure.Functions.Worker).

namespace Microsoft.Azure.Functions.Worker;

/// <summary>The features of one invocation, keyed by type.</summary>
public interface IInvocationFeatures : IEnumerable<KeyValuePair<Type, object>>
{
    /// <summary>Sets the feature of type <typeparamref name="T"/>.</summary>
    void Set<T>(T instance);

    /// <summary>Gets the feature of type <typeparamref name="T"/>, or null.</summary>
    T? Get<T>();
}
