using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Processor.Quotas;

/// <summary>
/// The messages a write can be parked with, by name, and how two parked under one key combine: by default the later
/// replaces the earlier, which is right for a message that makes its consumer read everything afresh. Register each
/// with <see cref="ParkableMessageRegistration.AddParkableMessage{T}"/>.
/// </summary>
public sealed class ParkableMessages
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    readonly Dictionary<string, ParkableMessage> _byName;

    /// <summary>The registered messages.</summary>
    public ParkableMessages(IEnumerable<ParkableMessage> messages) =>
        _byName = messages.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The name <typeparamref name="T"/> is stored under.</summary>
    public string NameOf<T>() where T : class => Find(NameFor(typeof(T))).Name;

    /// <summary><paramref name="message"/> as stored.</summary>
    public static string Serialize<T>(T message) where T : class => JsonSerializer.Serialize(message, Json);

    /// <summary>
    /// What a message parked under a key becomes when <paramref name="later"/> is parked under it too: the two combined
    /// as registered, or <paramref name="later"/> when the one parked is of another type.
    /// </summary>
    public string Coalesce<T>(string parkedName, string parkedMessage, T later) where T : class
    {
        var entry = Find(NameFor(typeof(T)));
        if (entry.Name != parkedName || entry.Coalesce is null)
            return Serialize(later);
        var earlier = JsonSerializer.Deserialize(parkedMessage, entry.Type, Json) ?? throw new InvalidOperationException($"A parked {parkedName} reads as null.");
        return JsonSerializer.Serialize(entry.Coalesce(earlier, later), entry.Type, Json);
    }

    /// <summary>A stored message and its type, to send again.</summary>
    public (object Message, Type Type) Read(string name, string message)
    {
        var entry = Find(name);
        return (JsonSerializer.Deserialize(message, entry.Type, Json) ?? throw new InvalidOperationException($"A parked {name} reads as null."), entry.Type);
    }

    /// <summary>The name of <paramref name="type"/>: its full name.</summary>
    public static string NameFor(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.FullName ?? type.Name;
    }

    ParkableMessage Find(string name) =>
        _byName.TryGetValue(name, out var entry)
            ? entry
            : throw new InvalidOperationException($"{name} is not registered as a message a write can be parked with (AddParkableMessage).");
}

/// <summary>A message a write can be parked with.</summary>
/// <param name="Name">Its stored name (its type's full name).</param>
/// <param name="Type">Its type.</param>
/// <param name="Coalesce">Combines an earlier and a later message parked under one key; null: the later replaces it.</param>
public sealed record ParkableMessage(string Name, Type Type, Func<object, object, object>? Coalesce);

/// <summary>Registering the messages writes can be parked with.</summary>
public static class ParkableMessageRegistration
{
    /// <summary>
    /// Lets writes be parked with <typeparamref name="T"/>; <paramref name="coalesce"/> combines an earlier and a later
    /// one parked under one key (by default the later replaces it).
    /// </summary>
    public static IServiceCollection AddParkableMessage<T>(this IServiceCollection services, Func<T, T, T>? coalesce = null) where T : class =>
        services.AddSingleton(new ParkableMessage(ParkableMessages.NameFor(typeof(T)), typeof(T),
            coalesce is null ? null : (earlier, later) => coalesce((T)earlier, (T)later)));
}
