/// The JSON types are part of the core's vocabulary (client specs, live clients, plans), so importing
/// the core brings them.
@_exported import OAuthCtlJSON
