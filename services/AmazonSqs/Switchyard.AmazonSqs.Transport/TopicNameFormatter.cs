using MassTransit;
using Switchyard.Hosting.Bus;

namespace Switchyard.AmazonSqs.Transport;

/// <summary>
/// MassTransit's topic name for a message type, scoped, and ending in <c>.fifo</c> for the FIFO message types (see
/// <see cref="AmazonSqsTopology.TopicName"/>); MassTransit makes a topic so named a FIFO topic.
/// </summary>
/// <param name="inner">The transport's own formatter.</param>
/// <param name="topology">The names the settings give.</param>
public sealed class TopicNameFormatter(IEntityNameFormatter inner, AmazonSqsTopology topology) : IEntityNameFormatter
{
    /// <inheritdoc />
    public string FormatEntityName<T>() => topology.TopicName(inner.FormatEntityName<T>(), typeof(T).FullName ?? typeof(T).Name);
}
