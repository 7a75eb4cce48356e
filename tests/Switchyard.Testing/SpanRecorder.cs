using System.Collections;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry.Trace;

namespace Switchyard.Testing;

/// <summary>
/// The spans of one or more test hosts, through OpenTelemetry's in-memory exporter. Activity listeners are
/// process-wide, so every host in a test process exports every span of the process, once per host: <see cref="Spans"/>
/// has each span once.
/// </summary>
public sealed class SpanRecorder
{
    readonly SpanCollection _spans = new();

    /// <summary>Adds the in-memory exporter, writing here, to the host's tracer provider.</summary>
    public void AttachTo(WebApplicationBuilder builder) =>
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));

    /// <summary>Every span ended so far, once each.</summary>
    public IReadOnlyList<Activity> Spans => _spans.ToList();

    /// <summary>What the exporters write to: several at once, while the test reads.</summary>
    sealed class SpanCollection : ICollection<Activity>
    {
        readonly Lock _lock = new();
        readonly Dictionary<ActivitySpanId, Activity> _spans = [];

        public int Count
        {
            get
            {
                lock (_lock)
                    return _spans.Count;
            }
        }

        public bool IsReadOnly => false;

        public void Add(Activity item)
        {
            lock (_lock)
                _spans.TryAdd(item.SpanId, item);
        }

        public void Clear()
        {
            lock (_lock)
                _spans.Clear();
        }

        public bool Contains(Activity item)
        {
            lock (_lock)
                return _spans.ContainsKey(item.SpanId);
        }

        public void CopyTo(Activity[] array, int arrayIndex) => ToList().CopyTo(array, arrayIndex);

        public bool Remove(Activity item)
        {
            lock (_lock)
                return _spans.Remove(item.SpanId);
        }

        public List<Activity> ToList()
        {
            lock (_lock)
                return [.. _spans.Values];
        }

        public IEnumerator<Activity> GetEnumerator() => ToList().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
