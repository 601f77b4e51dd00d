"""A paper's identity outside the library: arXiv metadata, links to sites, citations.

Nothing here touches the network unless a caller asks (``arxiv.ArxivClient``);
links and citations are computed from what the library already holds.
"""
