import Foundation

extension Service {
    /// A JSON request body as `T`; 400 when it is not JSON or not of that shape.
    func decodeJSON<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws -> T {
        guard !body.isEmpty else { throw ServiceError.badRequest("the request needs a JSON body") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw ServiceError.badRequest("\(Self.path(context)): not of the expected type")
        } catch {
            throw ServiceError.badRequest("the body is not JSON of the expected shape")
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return path.isEmpty ? "the body" : path
    }
}
