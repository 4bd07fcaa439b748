import type { Recipe } from '../../recipe/recipe.ts';

/** One design in the history, with the one it came from; `children` in the order they were made. */
export interface LineageNode {
  readonly id: number;
  readonly recipe: Recipe;
  readonly parent: LineageNode | undefined;
  readonly children: LineageNode[];
  /** What made it, for the history strip: `seed 42`, `child 3`, `β 64`. */
  readonly label: string;
  /** The child that redo returns to: the one last visited. */
  lastChild?: LineageNode;
}

export interface Lineage {
  readonly root: LineageNode;
  readonly current: LineageNode;
  /** Makes `recipe` the current design, a child of the current one (a new branch if it has others). */
  push(recipe: Recipe, label: string): LineageNode;
  /**
   * Puts `recipe` in place of the current design, a leaf: the next key press of a run on one control
   * changes the step the run made, rather than adding one per press. Elsewhere it is a push.
   */
  replace(recipe: Recipe, label: string): LineageNode;
  /** Back to the parent; false at the root. */
  undo(): boolean;
  /** Forward to the child last visited; false where there is none. */
  redo(): boolean;
  /** Jumps to any node of the tree (a click on the history strip). */
  go(node: LineageNode): void;
  /** From the root to the current node. */
  path(): LineageNode[];
}

/**
 * The history as a tree, as Picbreeder keeps it: going back and picking another child starts a branch
 * and keeps the old one, so redo and the strip can still reach it.
 */
export function createLineage(root: Recipe, label: string): Lineage {
  return lineageOf({ id: 0, recipe: root, parent: undefined, children: [], label });
}

function lineageOf(root: LineageNode, at: LineageNode = root): Lineage {
  let ids = maxId(root) + 1;
  let current = at;
  return {
    root,
    get current() {
      return current;
    },
    push(recipe, nodeLabel) {
      const node: LineageNode = { id: ids++, recipe, parent: current, children: [], label: nodeLabel };
      current.children.push(node);
      current.lastChild = node;
      current = node;
      return node;
    },
    replace(recipe, nodeLabel) {
      const parent = current.parent;
      if (!parent || current.children.length > 0) return this.push(recipe, nodeLabel);
      const node: LineageNode = { id: current.id, recipe, parent, children: [], label: nodeLabel };
      parent.children[parent.children.indexOf(current)] = node;
      if (parent.lastChild === current) parent.lastChild = node;
      current = node;
      return node;
    },
    undo() {
      if (!current.parent) return false;
      current.parent.lastChild = current;
      current = current.parent;
      return true;
    },
    redo() {
      if (!current.lastChild) return false;
      current = current.lastChild;
      return true;
    },
    go(node) {
      for (let at: LineageNode | undefined = node; at?.parent; at = at.parent) at.parent.lastChild = at;
      current = node;
    },
    path() {
      const nodes: LineageNode[] = [];
      for (let at: LineageNode | undefined = current; at; at = at.parent) nodes.unshift(at);
      return nodes;
    },
  };
}

/** Every node, parents before children; without recursion, as a long session's history is deep. */
function allNodes(root: LineageNode): LineageNode[] {
  const nodes: LineageNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return nodes;
}

function maxId(root: LineageNode): number {
  return allNodes(root).reduce((max, node) => Math.max(max, node.id), 0);
}

/** The history as plain data (IndexedDB, JSON): every node, parents before children, and where it stands. */
export interface SavedLineage {
  readonly nodes: readonly { id: number; parent?: number; label: string; recipe: Recipe; lastChild?: number }[];
  readonly current: number;
}

export function saveLineage(lineage: Lineage): SavedLineage {
  const nodes = allNodes(lineage.root).map((node) => ({
    id: node.id,
    parent: node.parent?.id,
    label: node.label,
    recipe: node.recipe,
    lastChild: node.lastChild?.id,
  }));
  return { nodes, current: lineage.current.id };
}

/** The history saved by `saveLineage`, exactly: the same tree, branches, redo targets and current node. */
export function restoreLineage(saved: SavedLineage): Lineage {
  const byId = new Map<number, LineageNode>();
  for (const { id, parent, label, recipe } of saved.nodes) {
    const up = parent === undefined ? undefined : byId.get(parent);
    if (parent !== undefined && !up) throw new Error(`history node ${id} comes before its parent ${parent}`);
    const node: LineageNode = { id, recipe, parent: up, children: [], label };
    up?.children.push(node);
    byId.set(id, node);
  }
  for (const { id, lastChild } of saved.nodes) if (lastChild !== undefined) byId.get(id)!.lastChild = byId.get(lastChild);
  const root = byId.get(saved.nodes[0]?.id);
  const current = byId.get(saved.current);
  if (!root || !current) throw new Error('the saved history has no root or no current design');
  return lineageOf(root, current);
}
