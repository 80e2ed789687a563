"""The answers form: one self-contained HTML file that people without goodlooks fill in offline,
giving back an answers file that `goodlooks assess --answers` reads (`goodlooks form`)."""
