using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessInventory.FunctionsWorker.StandIn.Tests;

public class PublicSurfaceTests
{
    private static readonly string[] _allowedNamespaces =
    [
        "Microsoft.Azure.Functions.Worker",
        "Microsoft.Azure.Functions.Worker.Extensions.Abstractions",
        "Azure.Messaging.ServiceBus",
    ];

    // The exact list keeps additions deliberate: add a type here only with the real source path in its file.
    private static readonly string[] _expectedTypes =
    [
        "Azure.Messaging.ServiceBus.ServiceBusMessageState",
        "Azure.Messaging.ServiceBus.ServiceBusModelFactory",
        "Azure.Messaging.ServiceBus.ServiceBusReceivedMessage",
        "Microsoft.Azure.Functions.Worker.AuthorizationLevel",
        "Microsoft.Azure.Functions.Worker.BindingContext",
        "Microsoft.Azure.Functions.Worker.CosmosDBTriggerAttribute",
        "Microsoft.Azure.Functions.Worker.ExponentialBackoffRetryAttribute",
        "Microsoft.Azure.Functions.Worker.Extensions.Abstractions.BindingAttribute",
        "Microsoft.Azure.Functions.Worker.Extensions.Abstractions.InputBindingAttribute",
        "Microsoft.Azure.Functions.Worker.Extensions.Abstractions.OutputBindingAttribute",
        "Microsoft.Azure.Functions.Worker.Extensions.Abstractions.TriggerBindingAttribute",
        "Microsoft.Azure.Functions.Worker.FixedDelayRetryAttribute",
        "Microsoft.Azure.Functions.Worker.FunctionAttribute",
        "Microsoft.Azure.Functions.Worker.FunctionContext",
        "Microsoft.Azure.Functions.Worker.FunctionDefinition",
        "Microsoft.Azure.Functions.Worker.HttpTriggerAttribute",
        "Microsoft.Azure.Functions.Worker.IInvocationFeatures",
        "Microsoft.Azure.Functions.Worker.RetryAttribute",
        "Microsoft.Azure.Functions.Worker.RetryContext",
        "Microsoft.Azure.Functions.Worker.ScheduleStatus",
        "Microsoft.Azure.Functions.Worker.ServiceBusMessageActions",
        "Microsoft.Azure.Functions.Worker.ServiceBusSessionMessageActions",
        "Microsoft.Azure.Functions.Worker.ServiceBusTriggerAttribute",
        "Microsoft.Azure.Functions.Worker.TimerInfo",
        "Microsoft.Azure.Functions.Worker.TimerTriggerAttribute",
        "Microsoft.Azure.Functions.Worker.TraceContext",
    ];

    private static readonly Type[] _exported = typeof(FunctionAttribute).Assembly.GetExportedTypes();

    [Fact]
    public void StandIn_EveryPublicType_LivesInARealPackageNamespace() =>
        _exported.ShouldAllBe(type => _allowedNamespaces.Contains(type.Namespace));

    [Fact]
    public void StandIn_PublicTypes_AreExactlyTheListedOnes() =>
        _exported.Select(type => type.FullName).Order(StringComparer.Ordinal).ShouldBe(_expectedTypes);

    [Fact]
    public void StandIn_ServiceBusTypes_ShareTheAssemblyWithTheWorkerTypes() =>
        typeof(ServiceBusReceivedMessage).Assembly.ShouldBe(typeof(FunctionAttribute).Assembly);

    [Fact]
    public void ReceivedMessage_Constructors_AreNotPublic() =>
        typeof(ServiceBusReceivedMessage).GetConstructors().ShouldBeEmpty();

    [Fact]
    public void ReceivedMessage_PublicProperties_AreGetOnly() =>
        typeof(ServiceBusReceivedMessage).GetProperties()
            .ShouldAllBe(property => property.GetSetMethod(false) == null);

    [Fact]
    public void FunctionContext_CancellationToken_IsVirtualAndDefaultsToNone()
    {
        var property = typeof(FunctionContext).GetProperty(nameof(FunctionContext.CancellationToken))!;

        property.GetMethod!.IsVirtual.ShouldBeTrue();
        property.GetMethod.IsAbstract.ShouldBeFalse();
        typeof(FunctionContext).GetProperties()
            .Where(p => p.Name != nameof(FunctionContext.CancellationToken))
            .ShouldAllBe(p => p.GetMethod!.IsAbstract);
    }
}
