/// Tag spelling: libyaml's resolved tags written back in the `!!` shorthand.
enum Tag {
    /// The prefix libyaml expands `!!` to.
    static let standardPrefix = "tag:yaml.org,2002:"

    static let str = "!!str"
    static let int = "!!int"
    static let float = "!!float"
    static let bool = "!!bool"
    static let null = "!!null"
    static let merge = "!!merge"

    /// `tag:yaml.org,2002:str` becomes `!!str`; other tags are kept as written; nil stays nil.
    static func normalized(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        guard let pointer else { return nil }
        let tag = String(cString: pointer)
        guard tag.hasPrefix(standardPrefix) else { return tag }
        return "!!" + tag.dropFirst(standardPrefix.count)
    }
}
