import Testing
import TraceProxyAdmin

@Suite struct QueryParametersTests {
    @Test func decodesPercentEscapesAndPlus() {
        let query = QueryParameters("name=GET+%2Fitems%2F%7Bitem_id%7D&window=300&empty=&flag&bad=%zz%4")

        #expect(query["name"] == "GET /items/{item_id}")
        #expect(query["window"] == "300")
        #expect(query["empty"] == nil)
        #expect(query["flag"] == nil)
        #expect(query["bad"] == "%zz%4")
        #expect(query["missing"] == nil)
    }

    @Test func decodesUTF8() {
        #expect(QueryParameters("route=%C3%A9")["route"] == "é")
    }

    @Test func requestSplitsPathAndQuery() {
        let request = AdminRequest(method: .get, uri: "/api/overview?window=900")

        #expect(request.path == "/api/overview")
        #expect(request.query["window"] == "900")
    }
}
