"""Texts written for the tests, shared by several test modules."""

# a short news story of three paragraphs: a harbour board lengthens a pier
PIER = [
    "The harbour board voted on Monday to lengthen the north pier by forty metres before the"
    " summer, so that the larger ferries can berth there at low tide as well.",
    "Work will start once the contract is signed, the board said, and the fishing boats will"
    " moor at the south quay while the cranes are on the pier for about six weeks.",
    "Some members asked why the cost had risen since the spring, and were told that steel and"
    " concrete had both become dearer and that the old plans had left out the lighting.",
]
