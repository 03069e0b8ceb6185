/// A value's fields kept in one heap storage that copies share until one of them changes it: a large
/// value copied often (a manifest into indexes, an action into outcomes, plans and documents) then
/// costs one reference count per copy, not one per field.
struct CopyOnWrite<Fields: Sendable>: @unchecked Sendable {
    private final class Storage {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    init(_ fields: Fields) { storage = Storage(fields) }

    /// Reads share the storage; a change first gives this value storage of its own.
    var fields: Fields {
        get { storage.fields }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            yield &storage.fields
        }
    }

    /// True when both share one storage (so their fields are equal without comparing them).
    func sharesStorage(with other: CopyOnWrite) -> Bool { storage === other.storage }
}
