/* Search: every word of a query must match (Material's search matches any word).
   A search for "Sergey Shoigu" then lists the pages that name Shoigu, not every page that
   names some Sergey. Material sends each query to its search worker as {type: 2, data:
   query}; each plain word is marked required ("+word*", still matched as a prefix while the
   reader types). Words that carry Lunr syntax of their own, quoted phrases (already
   required) and common short words (not indexed) are left as they are. */
(function () {
  var QUERY = 2; // SearchMessageType.QUERY in Material's worker protocol
  var OPTIONAL = /^(?:.{1,2}|the|and|for|with|from|that|this|are|was|were|has|have|had|not|but|its|into|about)$/i;

  function requireEveryWord(query) {
    if (query.indexOf('"') !== -1) return query;
    var words = query.trim().split(/\s+/);
    if (words.length < 2) return query;
    return words.map(function (word) {
      return /[+\-~^:*]/.test(word) || OPTIONAL.test(word) ? word : "+" + word + "*";
    }).join(" ");
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      message = { type: QUERY, data: requireEveryWord(message.data) };
    }
    return post.apply(this, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };
})();
