# Writes ../matplotlib-text.svg (text kept as <text>) and
# ../matplotlib-paths.svg (matplotlib's default: glyphs as <use> of paths).
import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt
import numpy as np

matplotlib.rcParams["svg.hashsalt"] = "samizdat"  # stable ids
matplotlib.rcParams["svg.fonttype"] = "none"

def plot(path):
    fig, ax = plt.subplots(figsize=(5, 3.2))
    x = np.linspace(0, 4 * np.pi, 200)
    ax.plot(x, np.sin(x), label="sin x", linewidth=1.5)
    ax.plot(x, 0.5 * np.cos(x), "--", label="cos x / 2")
    ax.fill_between(x, np.sin(x), 0, where=np.sin(x) > 0, alpha=0.25)
    ax.scatter([np.pi / 2, 5 * np.pi / 2], [1, 1], marker="o", color="C3", zorder=3)
    ax.annotate("maximum", xy=(np.pi / 2, 1), xytext=(3, 1.3),
                arrowprops=dict(arrowstyle="->"))
    ax.set_xlabel("angle (radians)")
    ax.set_ylabel("value")
    ax.set_title("Two waves")
    ax.set_ylim(-1.2, 1.6)
    ax.grid(True, linestyle=":")
    ax.legend(loc="lower left")
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)

plot("../matplotlib-text.svg")
matplotlib.rcParams["svg.fonttype"] = "path"
plot("../matplotlib-paths.svg")
